/**
 * Errors of the Auth service, in GoTrue's 2024-01-01 API-version shape: `{"code","message"}` with the
 * `X-Supabase-Api-Version` and `x-sb-error-code` headers. auth-js reads `code` only when that version header
 * is present (AU/lib/fetch.ts handleError), so every error carries it.
 */

/** Error codes used here, from GoTrue's internal/api/apierrors/errorcode.go. */
export type AuthErrorCode =
  | "anonymous_provider_disabled"
  | "bad_code_verifier"
  | "bad_json"
  | "bad_jwt"
  | "email_exists"
  | "email_not_confirmed"
  | "email_provider_disabled"
  | "flow_state_expired"
  | "flow_state_not_found"
  | "invalid_api_key"
  | "invalid_credentials"
  | "no_api_key"
  | "no_authorization"
  | "not_admin"
  | "not_found"
  | "method_not_allowed"
  | "otp_disabled"
  | "otp_expired"
  | "over_request_rate_limit"
  | "phone_provider_disabled"
  | "refresh_token_already_used"
  | "refresh_token_not_found"
  | "request_entity_too_large"
  | "same_password"
  | "session_not_found"
  | "unexpected_failure"
  | "user_already_exists"
  | "user_banned"
  | "user_not_found"
  | "validation_failed"
  | "weak_password";

export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: AuthErrorCode,
    message: string,
    /** Extra body fields, e.g. `weak_password: {reasons}`. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  get body(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export const API_VERSION = "2024-01-01";

export const badRequest = (code: AuthErrorCode, message: string) => new AuthError(400, code, message);
export const forbidden = (code: AuthErrorCode, message: string) => new AuthError(403, code, message);
export const unprocessable = (code: AuthErrorCode, message: string) => new AuthError(422, code, message);

export const INVALID_LOGIN = "Invalid login credentials";
export const invalidCredentials = () => badRequest("invalid_credentials", INVALID_LOGIN);

export function weakPassword(message: string, reasons: string[]): AuthError {
  return new AuthError(422, "weak_password", message, { weak_password: { reasons } });
}

export function rateLimited(what: string): AuthError {
  return new AuthError(429, "over_request_rate_limit", `Request rate limit reached for ${what}`);
}
