import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * `npm run test:security`: the hostile-input suites (e2e/security/) against the production build on a
 * throwaway local stack of its own. TRUSTED_PROXY=last-hop lets each simulated client present its own
 * address the way a reverse proxy would (the last x-forwarded-for entry), so the attacker's budgets and the
 * legitimate game's are separate, as they are on Vercel. Run after `npm run build`.
 */
// Ports of its own by default; set here so the test workers (e2e/support/live-game.ts) see the same ones.
process.env.E2E_PORT ??= "3120";
process.env.E2E_STACK_API_PORT ??= "54333";
process.env.E2E_STACK_DB_PORT ??= "54334";
const port = Number(process.env.E2E_PORT);
const stackApiPort = process.env.E2E_STACK_API_PORT;
const stackDbPort = process.env.E2E_STACK_DB_PORT;

export default defineConfig({
  ...base,
  testDir: "e2e/security",
  testIgnore: [],
  timeout: 300_000,
  reporter: [["list"]],
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  webServer: {
    command: `tsx stack/launch.ts --build-if-missing -- next start --port ${port}`,
    url: `http://127.0.0.1:${port}`,
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
    env: {
      STACK_API_PORT: stackApiPort,
      STACK_DB_PORT: stackDbPort,
      STACK_DATA_DIR: "memory://",
      STACK_LOG: "error",
      TRUSTED_PROXY: "last-hop",
      // Low enough that sign-in-flood.spec.ts reaches it in seconds; the suites' own players need ~100.
      STACK_AUTH_ANONYMOUS_PER_HOUR: "400",
    },
  },
});
