import { APARTMENT_IMAGES } from "virtual:apartment-images";
import { h } from "./dom";

/** Shown widths, for the browser's pick from `srcset`: a card column, or the apartment page's. */
export const CARD_SIZES = "(min-width: 72rem) 22rem, (min-width: 40rem) 45vw, calc(100vw - 2rem)";
export const PAGE_SIZES = "(min-width: 72rem) 35rem, (min-width: 48rem) 50vw, calc(100vw - 2rem)";

/**
 * The apartment's picture, built by web/images (same origin: the CSP allows images from 'self'
 * only), with its width and height so the page reserves its space before it loads. An apartment
 * without one gets an empty frame of the same shape, hidden from assistive technology.
 */
export function apartmentPicture(apartmentId: string, sizes: string, eager = false): HTMLElement {
  const image = APARTMENT_IMAGES[apartmentId];
  if (!image) return h("div", { class: "photo photo--none", "aria-hidden": "true" });
  return h("img", {
    class: "photo",
    src: image.src,
    srcset: image.srcset,
    sizes,
    width: image.width,
    height: image.height,
    alt: image.alt,
    loading: eager ? "eager" : "lazy",
    decoding: "async",
    ...(eager ? { fetchpriority: "high" } : {}),
  });
}
