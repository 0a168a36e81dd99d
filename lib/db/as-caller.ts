import { z } from "zod";
import type { Fragment } from "postgres";
import type { Db, Tx } from "./client";
import { retryOnDeadConnection } from "./dead-connection";

/**
 * The verified JWT claims of the caller (from supabase `getClaims()`), exactly what PostgREST would use.
 * Anonymous players are `authenticated` with `is_anonymous: true`.
 */
export const callerClaimsSchema = z
  .object({
    role: z.enum(["anon", "authenticated", "service_role"]),
    sub: z.guid().optional(),
    is_anonymous: z.boolean().optional(),
  })
  .loose();
export type CallerClaims = z.infer<typeof callerClaimsSchema>;

/**
 * Runs `fn` in a transaction as the caller: role and JWT claims are set with set_config(…, true), i.e.
 * transaction-local, so nothing leaks to the next user of the connection (Supabase's transaction pooler and
 * the PGlite socket both share sessions between clients). Row-level security and auth.uid() then apply to
 * everything `fn` runs.
 */
export async function asCaller<T>(db: Db, claims: CallerClaims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const parsed = callerClaimsSchema.parse(claims);
  // A transaction that provably did not run (dead connection, see dead-connection.ts) runs again.
  const result = await retryOnDeadConnection(() =>
    db.begin(async (tx) => {
      await tx`select set_config('role', ${parsed.role}, true),
                    set_config('request.jwt.claims', ${JSON.stringify(parsed)}, true),
                    set_config('request.jwt.claim.sub', ${parsed.sub ?? ""}, true),
                    set_config('request.jwt.claim.role', ${parsed.role}, true)`;
      return fn(tx);
    }),
  );
  return result as T;
}

/**
 * The same as `asCaller` for a single game.* call, in one round trip: a materialized CTE sets the claims
 * (transaction-local, in the statement's own implicit transaction) before the outer select calls the
 * function, so there is no BEGIN, no separate set_config and no COMMIT. For the hot path (answers).
 */
export function selectAsCaller(db: Db, claims: CallerClaims, call: Fragment) {
  const parsed = callerClaimsSchema.parse(claims);
  return db<{ result: unknown }[]>`
    with caller as materialized (
      select set_config('role', ${parsed.role}, true),
             set_config('request.jwt.claims', ${JSON.stringify(parsed)}, true),
             set_config('request.jwt.claim.sub', ${parsed.sub ?? ""}, true),
             set_config('request.jwt.claim.role', ${parsed.role}, true)
    )
    select ${call} as result from caller`;
}
