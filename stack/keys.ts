import { SignJWT, exportJWK, importJWK, jwtVerify, decodeProtectedHeader, type JWK, type JWTPayload } from "jose";
import { createSecretKey, type KeyObject } from "node:crypto";
import { DEV_SIGNING_JWK, type StackEnv } from "./config";

/**
 * The stack's keys: the ES256 key that signs access tokens (published as JWKS, so `getClaims()` verifies
 * locally), the legacy HS256 secret (still accepted, and used for the anon/service API keys), and the
 * API keys themselves.
 */
export type Keys = {
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  kid: string;
  publicJwks: { keys: JWK[] };
  signAccessToken(claims: JWTPayload): Promise<string>;
  /** Verifies signature, `exp` and the presence of `role`; throws `JwtError` otherwise. */
  verify(token: string): Promise<VerifiedClaims>;
};

export type VerifiedClaims = JWTPayload & { role: string; sub?: string; session_id?: string };

export class JwtError extends Error {
  constructor(
    readonly code: "malformed" | "expired" | "signature" | "claims",
    message: string,
  ) {
    super(message);
  }
}

// The expiry of `supabase start`'s demo keys (2032-11-11), so the defaults match what developers know.
const API_KEY_EXPIRY = 1983812996;

export async function createKeys(env: StackEnv): Promise<Keys> {
  const jwk = env.SUPABASE_JWT_SIGNING_KEY ? (JSON.parse(env.SUPABASE_JWT_SIGNING_KEY) as JWK) : { ...DEV_SIGNING_JWK };
  const kid = jwk.kid ?? "pubquiz-local";
  const privateKey = await importJWK({ ...jwk, alg: "ES256" }, "ES256", { extractable: true });
  const { d: _private, ...publicPart } = await exportJWK(privateKey);
  const publicJwk: JWK = { ...publicPart, kid, alg: "ES256", use: "sig", key_ops: ["verify"] };
  const publicKey = await importJWK(publicJwk, "ES256");
  const secret: KeyObject = createSecretKey(Buffer.from(env.SUPABASE_JWT_SECRET, "utf8"));

  const apiKey = (role: string) =>
    new SignJWT({ iss: "supabase-demo", role })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setExpirationTime(API_KEY_EXPIRY)
      .sign(secret);

  const anonKey = env.SUPABASE_ANON_KEY ?? (await apiKey("anon"));
  const serviceRoleKey = env.SUPABASE_SERVICE_ROLE_KEY ?? (await apiKey("service_role"));

  return {
    anonKey,
    serviceRoleKey,
    jwtSecret: env.SUPABASE_JWT_SECRET,
    kid,
    publicJwks: { keys: [publicJwk] },
    signAccessToken: (claims) =>
      new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid, typ: "JWT" }).sign(privateKey),
    async verify(token) {
      let header;
      try {
        header = decodeProtectedHeader(token);
      } catch {
        throw new JwtError("malformed", "The token provided is not a valid JWT");
      }
      let payload: JWTPayload;
      try {
        if (header.alg === "HS256") {
          ({ payload } = await jwtVerify(token, secret, { algorithms: ["HS256"] }));
        } else if (header.alg === "ES256" && header.kid === kid) {
          ({ payload } = await jwtVerify(token, publicKey, { algorithms: ["ES256"] }));
        } else {
          throw new JwtError("signature", "Failed to validate JWT signature");
        }
      } catch (error) {
        if (error instanceof JwtError) throw error;
        const code = (error as { code?: string }).code;
        if (code === "ERR_JWT_EXPIRED") throw new JwtError("expired", "Token has expired");
        if (code === "ERR_JWS_INVALID" || code === "ERR_JWT_INVALID") {
          throw new JwtError("malformed", "The token provided is not a valid JWT");
        }
        throw new JwtError("signature", "Failed to validate JWT signature");
      }
      if (typeof payload.role !== "string" || typeof payload.exp !== "number") {
        throw new JwtError("claims", "Fields `role` and `exp` are required in JWT");
      }
      return payload as VerifiedClaims;
    },
  };
}
