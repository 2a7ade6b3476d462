// Playwright drives Debian's chromium (never a downloaded browser) against a real tixd and
// tixpay that e2e/support/globalSetup.ts starts on 127.0.0.1 with fresh data directories.
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/support/globalSetup.ts",
  // One server pair for the run; tests create their own events, so they could run in parallel,
  // but two cores are busier with tixd than with a second browser.
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: process.env.TIX_E2E_BASE_URL,
    headless: true,
    launchOptions: { executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" },
    // No tracing: it slows the page the run measures (time to interactive).
    trace: "off",
    screenshot: "only-on-failure",
  },
});
