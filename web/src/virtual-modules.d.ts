/** Built by web/images/vite-plugin.ts: each demo apartment's generated picture. */
declare module "virtual:apartment-images" {
  export interface ApartmentImage {
    /** The largest width; `srcset` lists every width. */
    readonly src: string;
    readonly srcset: string;
    readonly width: number;
    readonly height: number;
    readonly alt: string;
  }
  export const APARTMENT_IMAGES: Readonly<Record<string, ApartmentImage>>;
}
