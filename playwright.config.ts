import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium where it exists (no browser download is possible here); Playwright's own elsewhere.
const debianChromium = "/usr/bin/chromium";
const executablePath = process.env.PLAYWRIGHT_CHROMIUM ?? (existsSync(debianChromium) ? debianChromium : undefined);
const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "e2e",
  // The hostile-input suites run on a server of their own: `npm run test:security` (playwright.security.config.ts).
  testIgnore: ["security/**"],
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // The production build on a throwaway local stack (PGlite in memory), on ports of its own.
    command: `tsx stack/launch.ts --build-if-missing -- next start --port ${port}`,
    url: `http://127.0.0.1:${port}`,
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
    env: {
      STACK_API_PORT: process.env.E2E_STACK_API_PORT ?? "54331",
      STACK_DB_PORT: process.env.E2E_STACK_DB_PORT ?? "54332",
      STACK_DATA_DIR: "memory://",
    },
  },
});
