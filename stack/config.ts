import { z } from "zod";

/**
 * Configuration of the local stack, parsed once from the environment.
 *
 * Every key has a fixed development default, like Supabase's own local stack, so that a fresh clone runs
 * with nothing to configure. These defaults are public knowledge: never use them for anything reachable
 * from outside this machine.
 */

// The JWT secret and the shape of the anon/service keys are those of `supabase start`.
export const DEV_JWT_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long";
export const DEV_UPSTASH_TOKEN = "pubquiz-local-upstash-token";
// A P-256 key that exists only to sign local development tokens (ES256, as hosted projects sign them).
export const DEV_SIGNING_JWK = {
  kty: "EC",
  crv: "P-256",
  x: "ttX_zY-b7QQHTVq0fxZlTgDunsn3yWW2zEz7FHoGTwQ",
  y: "ZeVTBfV6VouajWcBHsMn2F_FDYBJNA2rfORnDTy35PE",
  d: "j2ukSWFbjwhTJLcmLr4z9A9myeUt29GquZXycoFr-GQ",
  kid: "pubquiz-local-dev-1",
  alg: "ES256",
  use: "sig",
} as const;

const port = z.coerce.number().int().min(0).max(65535);

const stackEnvSchema = z.object({
  /** Where the API (Auth, Realtime, Upstash) listens; 0.0.0.0 in LAN mode. Postgres stays on loopback. */
  STACK_HOST: z.string().default("127.0.0.1"),
  STACK_API_PORT: port.default(54321),
  STACK_DB_PORT: port.default(54322),
  /** Folder for PGlite's data; `memory://` keeps nothing. */
  STACK_DATA_DIR: z.string().default(".stack/pglite"),
  /** A real Postgres instead of PGlite. */
  DATABASE_URL: z.string().url().optional(),
  /** A real Redis behind the Upstash REST endpoint instead of the in-memory store. */
  REDIS_URL: z.string().url().optional(),
  SUPABASE_JWT_SECRET: z.string().min(32).default(DEV_JWT_SECRET),
  /** Private JWK (JSON) of the ES256 key that signs access tokens. */
  SUPABASE_JWT_SIGNING_KEY: z.string().optional(),
  SUPABASE_ANON_KEY: z.string().optional(),
  SUPABASE_SERVICE_ROLE_KEY: z.string().optional(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(8).default(DEV_UPSTASH_TOKEN),
  /** Lifetime of access tokens, in seconds (GoTrue's default). */
  STACK_JWT_EXPIRY: z.coerce.number().int().min(30).default(3600),
  /** Auth rate limits per client IP (GoTrue has the same knobs; 0 disables one). */
  STACK_AUTH_ANONYMOUS_PER_HOUR: z.coerce.number().int().min(0).default(5000),
  STACK_AUTH_SIGN_IN_PER_5_MIN: z.coerce.number().int().min(0).default(300),
  STACK_LOG: z.enum(["silent", "error", "info", "debug"]).default("info"),
  /** Bearer token for GET /metrics when STACK_HOST is not loopback (there, without it, /metrics is off). */
  METRICS_TOKEN: z.string().min(16).optional(),
});

export type StackEnv = z.infer<typeof stackEnvSchema>;

export function parseStackEnv(env: Record<string, string | undefined> = process.env): StackEnv {
  const parsed = stackEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid stack configuration: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  assertSafeExposure(parsed.data);
  return parsed.data;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1"]);

/** A stack reachable from other machines must not run on the public development secrets. */
function assertSafeExposure(env: StackEnv): void {
  if (LOOPBACK_HOSTS.has(env.STACK_HOST)) return;
  const publicDefaults = [
    env.SUPABASE_JWT_SECRET === DEV_JWT_SECRET && "SUPABASE_JWT_SECRET",
    !env.SUPABASE_JWT_SIGNING_KEY && "SUPABASE_JWT_SIGNING_KEY",
    env.UPSTASH_REDIS_REST_TOKEN === DEV_UPSTASH_TOKEN && "UPSTASH_REDIS_REST_TOKEN",
  ].filter(Boolean);
  if (publicDefaults.length > 0) {
    throw new Error(
      `Invalid stack configuration: STACK_HOST=${env.STACK_HOST} exposes the stack beyond this machine, but ` +
        `${publicDefaults.join(", ")} still have the public development values. Use \`npm run dev:lan\` / ` +
        "`npm run start:lan` (they generate secrets), or set them.",
    );
  }
}
