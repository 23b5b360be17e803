import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { apartmentImages } from "./web/images/vite-plugin";

// The web app's build: web/ -> web/dist, scripts, styles and the generated apartment pictures
// content-hashed under assets/ (the site stack uploads those with a one-year immutable cache header,
// everything else, robots.txt included, with no-cache).
export default defineConfig({
  root: fileURLToPath(new URL("web", import.meta.url)),
  plugins: [apartmentImages()],
  build: {
    outDir: "dist",
    assetsDir: "assets",
    emptyOutDir: true,
    // Nothing inlined as data: URLs, which the site's content security policy would block for fonts.
    assetsInlineLimit: 0,
  },
});
