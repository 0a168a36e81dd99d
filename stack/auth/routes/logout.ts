import { authenticate } from "../authenticate";
import type { AuthRequest } from "../context";
import { badRequest } from "../errors";
import { sendNoContent } from "../http";
import { deleteSession, deleteUserSessions } from "../sessions";

/**
 * POST /logout?scope=global|local|others (GoTrue internal/api/logout.go). Deleting the sessions removes their
 * refresh tokens (cascade) and makes every access token of them fail GET /user with `session_not_found`.
 */
export async function logout(r: AuthRequest): Promise<void> {
  const scope = r.url.searchParams.get("scope") ?? "global";
  if (!["", "global", "local", "others"].includes(scope)) {
    throw badRequest("validation_failed", `Unsupported logout scope "${scope}"`);
  }
  const { user, sessionId } = await authenticate(r);
  const { sql } = r.state;
  if (sessionId === null) await deleteUserSessions(sql, user.id);
  else if (scope === "local") await deleteSession(sql, sessionId);
  else if (scope === "others") await deleteUserSessions(sql, user.id, sessionId);
  else await deleteUserSessions(sql, user.id);
  r.state.stats.logouts += 1;
  sendNoContent(r);
}
