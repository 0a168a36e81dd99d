import type { AuthRequest } from "../context";
import { send } from "../http";

/** GET /settings, /health and /.well-known/jwks.json: what clients and dashboards read about the server. */

/** The GoTrue version whose behaviour this service follows (supabase/auth at the reference commit). */
const GOTRUE_VERSION = "v2.180.0-pubquiz-local";

const OAUTH_PROVIDERS = [
  "apple",
  "azure",
  "bitbucket",
  "discord",
  "facebook",
  "snapchat",
  "figma",
  "fly",
  "github",
  "gitlab",
  "google",
  "keycloak",
  "kakao",
  "linkedin",
  "linkedin_oidc",
  "notion",
  "spotify",
  "slack",
  "slack_oidc",
  "workos",
  "twitch",
  "twitter",
  "zoom",
] as const;

export function settings(r: AuthRequest): void {
  const external: Record<string, boolean> = { anonymous_users: true, email: true, phone: false };
  for (const provider of OAUTH_PROVIDERS) external[provider] = false;
  send(r, 200, {
    external,
    disable_signup: false,
    mailer_autoconfirm: true,
    phone_autoconfirm: false,
    sms_provider: "",
    saml_enabled: false,
    saml_private_key_next_configured: false,
    passkeys_enabled: false,
  });
}

export function health(r: AuthRequest): void {
  send(r, 200, {
    version: GOTRUE_VERSION,
    name: "GoTrue",
    description: "GoTrue is a user registration and authentication API",
  });
}

/** The public ES256 key, so `getClaims()` verifies tokens locally; clients cache it for 10 minutes. */
export function jwks(r: AuthRequest): void {
  send(r, 200, r.state.deps.keys.publicJwks, { "cache-control": "public, max-age=600" });
}
