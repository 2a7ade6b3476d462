// Vite: the dev server proxies the API and the WebSockets to a running tixd, so `npm run dev`
// works against the real server; `npm run build` writes web/dist, which tixd serves itself.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const tixdUrl = process.env.TIXD_URL ?? "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/api": { target: tixdUrl, changeOrigin: true },
      "/ws": { target: tixdUrl, changeOrigin: true, ws: true },
    },
  },
  preview: {
    proxy: {
      "/api": { target: tixdUrl, changeOrigin: true },
      "/ws": { target: tixdUrl, changeOrigin: true, ws: true },
    },
  },
  build: {
    outDir: "dist",
    assetsDir: "assets",
    // Hashed names under assets/ are what lets tixd cache them as immutable.
    sourcemap: false,
    // dist/.vite/manifest.json: the chunk graph scripts/bundle-budget.mjs measures the fan path with.
    manifest: true,
    target: "es2020",
  },
  worker: { format: "es" },
});
