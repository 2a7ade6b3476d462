// Unit tests of the pure parts (layout, proof of work, error mapping): src/**/*.test.ts only;
// the browser tests under e2e/ are Playwright's.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
