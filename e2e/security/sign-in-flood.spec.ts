import { expect, test } from "@playwright/test";
import { recordFigures, supabaseClient } from "./support";

/**
 * Anonymous sign-in flood against the stack's Auth: limited per client IP (STACK_AUTH_ANONYMOUS_PER_HOUR,
 * 400 in playwright.security.config.ts; 5,000 by default; hosted Supabase has the same knob). This file
 * spends this machine's budget, so it runs last (files run in name order).
 */
test("an anonymous sign-in flood gets 429 over_request_rate_limit once the per-IP budget is spent", async () => {
  const client = supabaseClient();
  const statuses: Record<string, number> = {};
  let firstLimitedAt = -1;
  const attempts = 600;
  for (let i = 0; i < attempts; i += 20) {
    const results = await Promise.all(Array.from({ length: 20 }, () => client.auth.signInAnonymously()));
    for (const [j, { error }] of results.entries()) {
      const key = error ? `${error.status} ${error.code}` : "200";
      statuses[key] = (statuses[key] ?? 0) + 1;
      if (error && firstLimitedAt < 0) firstLimitedAt = i + j;
    }
  }
  recordFigures("signInFlood", { attempts, firstLimitedAt, statuses });
  expect(Object.keys(statuses).sort()).toEqual(["200", "429 over_request_rate_limit"]);
  expect(firstLimitedAt).toBeGreaterThanOrEqual(0);
  expect(firstLimitedAt).toBeLessThanOrEqual(400);
});
