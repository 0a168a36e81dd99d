import { ApiError } from "@/lib/client/api";
import type { Messages } from "@/lib/i18n";

type JoinErrorCode = keyof Messages["join"]["errors"];

/** The sentence to show for a failed lookup or join: ours for known codes, never a raw stack or status. */
export function joinErrorMessage(error: unknown, t: Messages): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t.errors.network;
    if (error.code in t.join.errors) return t.join.errors[error.code as JoinErrorCode];
    if (error.status < 500) return error.message;
  }
  return t.errors.unknown;
}

export function joinErrorFor(code: JoinErrorCode, t: Messages): string {
  return t.join.errors[code];
}
