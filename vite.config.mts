import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The web app's build: web/ -> web/dist, scripts and styles content-hashed under assets/ (the
// site stack uploads those with a one-year immutable cache header, everything else with no-cache).
export default defineConfig({
  root: fileURLToPath(new URL("web", import.meta.url)),
  build: {
    outDir: "dist",
    assetsDir: "assets",
    emptyOutDir: true,
    // Nothing inlined as data: URLs, which the site's content security policy would block for fonts.
    assetsInlineLimit: 0,
  },
});
