/**
 * Turns rate-limit errors into the setting to raise. A load test comes from one IP, which real players do
 * not: the app's per-IP budgets and Auth's anonymous sign-ins per IP per hour both need headroom.
 */
export function rateLimitHints(errors: Record<string, number>): string[] {
  const hints: string[] = [];
  const codes = Object.keys(errors);
  if (codes.some((code) => code.startsWith("auth_") && /rate_limit|429/.test(code)))
    hints.push(
      "Auth refused anonymous sign-ins (429): on the local stack raise STACK_AUTH_ANONYMOUS_PER_HOUR; on hosted Supabase raise Authentication → Rate limits → anonymous sign-ins per hour (per IP).",
    );
  if (codes.some((code) => !code.startsWith("auth_") && /rate_limited|429/.test(code)))
    hints.push(
      "The app rate-limited the test (429): start it with RATE_LIMIT_SCALE raised (e.g. RATE_LIMIT_SCALE=100; lib/redis/rate-limit.ts).",
    );
  return hints;
}
