import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import type { Db } from "./db";
import { AuthError, badRequest } from "./errors";

/**
 * PKCE flow state (GoTrue internal/models/flow_state.go): the code challenge saved when a magic link is
 * requested, the auth code handed out when it is clicked, and the one-time exchange of code + verifier for a
 * session. @supabase/ssr always uses this flow.
 */

/** GoTrue's FlowStateExpiryDuration default. */
const FLOW_STATE_TTL_SECONDS = 300;

export type ChallengeMethod = "s256" | "plain";

/** Validates the pair a client sends (GoTrue validatePKCEParams); null when the implicit flow is used. */
export function parseChallenge(
  challenge: string,
  method: string,
): { challenge: string; method: ChallengeMethod } | null {
  if (challenge === "" && method === "") return null;
  if (challenge === "" || method === "") {
    throw badRequest("validation_failed", "PKCE flow requires code_challenge_method and code_challenge");
  }
  const normalized = method.toLowerCase();
  if (normalized !== "s256" && normalized !== "plain") {
    throw badRequest("validation_failed", `code challenge method not supported: ${method}`);
  }
  if (challenge.length < 43 || challenge.length > 128) {
    throw badRequest("validation_failed", "code challenge has to be between 43 and 128 characters");
  }
  return { challenge, method: normalized };
}

export async function createFlowState(
  sql: Db,
  userId: string,
  pkce: { challenge: string; method: ChallengeMethod },
  authenticationMethod: string,
): Promise<void> {
  await sql`
    insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
      created_at, updated_at, authentication_method)
    values (${randomUUID()}::uuid, ${userId}::uuid, ${randomUUID()}, ${pkce.method}, ${pkce.challenge}, 'email',
      now(), now(), ${authenticationMethod})`;
}

/** Marks the user's newest flow state as verified and returns its auth code (GoTrue issueAuthCode). */
export async function issueAuthCode(sql: Db, userId: string): Promise<string> {
  const rows = await sql<{ auth_code: string }[]>`
    update auth.flow_state set auth_code_issued_at = now(), updated_at = now()
    where id = (select id from auth.flow_state where user_id = ${userId}::uuid
                order by created_at desc limit 1)
    returning auth_code`;
  const code = rows[0]?.auth_code;
  if (!code) throw badRequest("flow_state_not_found", "No associated flow state found.");
  return code;
}

/**
 * Consumes the flow state of `authCode` if `verifier` matches its challenge: returns the user and how they
 * authenticated. Deleting the row is the one-time guarantee (a second exchange finds nothing).
 */
export async function redeemAuthCode(
  sql: Db,
  authCode: string,
  verifier: string,
): Promise<{ userId: string; method: string }> {
  const rows = await sql<
    {
      id: string;
      user_id: string | null;
      code_challenge: string;
      code_challenge_method: string;
      expired: boolean;
      method: string;
    }[]
  >`
    select id, user_id, code_challenge, code_challenge_method, authentication_method as method,
      created_at < now() - make_interval(secs => ${FLOW_STATE_TTL_SECONDS}::int) as expired
    from auth.flow_state where auth_code = ${authCode} and auth_code_issued_at is not null`;
  const flow = rows[0];
  if (!flow || !flow.user_id) {
    throw new AuthError(404, "flow_state_not_found", "invalid flow state, no valid flow state found");
  }
  if (flow.expired) throw new AuthError(422, "flow_state_expired", "invalid flow state, flow state has expired");
  if (!challengeMatches(flow.code_challenge, flow.code_challenge_method, verifier)) {
    throw badRequest("bad_code_verifier", "code challenge does not match previously saved code verifier");
  }
  const deleted = await sql`delete from auth.flow_state where id = ${flow.id}::uuid returning id`;
  if (deleted.length === 0)
    throw new AuthError(404, "flow_state_not_found", "invalid flow state, no valid flow state found");
  return { userId: flow.user_id, method: flow.method };
}

function challengeMatches(challenge: string, method: string, verifier: string): boolean {
  const expected = method === "plain" ? verifier : createHash("sha256").update(verifier).digest("base64url");
  const a = Buffer.from(expected);
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}
