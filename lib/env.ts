import "server-only";
import { z } from "zod";

/**
 * The app's environment, parsed once with zod; nothing else reads process.env. Parsed lazily on first use,
 * so `next build` needs no secrets. `npm run dev` / `npm start` fill it from the local stack; on Vercel it
 * comes from the project's environment variables (see README "Deploy").
 */
const serverEnvSchema = z.object({
  NEXT_PUBLIC_SUPABASE_URL: z.string().url(),
  NEXT_PUBLIC_SUPABASE_ANON_KEY: z.string().min(20),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(20),
  DATABASE_URL: z.string().url(),
  UPSTASH_REDIS_REST_URL: z.string().url().optional(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(8).optional(),
  /** Connections per app instance; keep small on serverless (each function has its own pool). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * Named prepared statements (lib/db/client.ts): `true` only on a direct connection or a session pooler;
   * the local stack sets it. Never with Supabase's transaction pooler (port 6543).
   */
  DATABASE_PREPARE: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  /** Multiplies every rate-limit budget (lib/redis/rate-limit.ts); load tests from one machine raise it. */
  RATE_LIMIT_SCALE: z.coerce.number().positive().default(1),
  /**
   * Who may tell the app a client's address (lib/api/client-ip.ts): `vercel` (Vercel overwrites
   * x-real-ip / x-forwarded-for), `last-hop` (one reverse proxy that appends to x-forwarded-for), `none`
   * (nobody: the header is the client's own claim). Vercel sets VERCEL=1, so it needs no setting there.
   */
  TRUSTED_PROXY: z.enum(["vercel", "last-hop", "none"]).optional(),
  VERCEL: z.string().optional(),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = serverEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment (${problems}). Run with \`npm run dev\` or see README "Configuration".`);
  }
  cached = parsed.data;
  return cached;
}

/**
 * Observability settings, parsed on their own so the logger and /api/health work even when the rest of the
 * environment is incomplete (that is exactly when an operator needs them).
 */
const observabilityEnvSchema = z.object({
  // An unknown level falls back to info rather than failing every log call (and the request around it).
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).catch("info"),
  /** Bearer token for GET /api/metrics; unset means metrics are off (404). */
  METRICS_TOKEN: z.string().min(16).optional(),
});

export type ObservabilityEnv = z.infer<typeof observabilityEnvSchema>;

export function observabilityEnv(): ObservabilityEnv {
  const parsed = observabilityEnvSchema.safeParse({
    LOG_LEVEL: process.env.LOG_LEVEL || undefined,
    METRICS_TOKEN: process.env.METRICS_TOKEN || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment (${problems}). See README "Monitoring".`);
  }
  return parsed.data;
}

/** What the browser needs to reach Supabase: public by design, handed to the client at request time. */
export type PublicConfig = { supabaseUrl: string; supabaseAnonKey: string };

export function publicConfig(): PublicConfig {
  const env = serverEnv();
  return { supabaseUrl: env.NEXT_PUBLIC_SUPABASE_URL, supabaseAnonKey: env.NEXT_PUBLIC_SUPABASE_ANON_KEY };
}
