import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { exportJWK, generateKeyPair } from "jose";
import { z } from "zod";

/**
 * Secrets of a local stack that other machines can reach (LAN mode): the development defaults are public,
 * so anyone on the pub's Wi-Fi could sign tokens or use the service key with them. Generated once per data
 * folder and kept next to it (mode 600), so sessions survive restarts; in memory for `memory://`.
 */
const lanSecretsSchema = z.object({
  SUPABASE_JWT_SECRET: z.string().min(32),
  SUPABASE_JWT_SIGNING_KEY: z.string(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(8),
});
export type LanSecrets = z.infer<typeof lanSecretsSchema>;

export async function loadOrCreateLanSecrets(dataDir: string): Promise<LanSecrets> {
  const file = dataDir.startsWith("memory://") ? null : join(dirname(dataDir), "lan-secrets.json");
  if (file && existsSync(file)) return lanSecretsSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `pubquiz-lan-${randomBytes(4).toString("hex")}`, alg: "ES256" };
  const secrets: LanSecrets = {
    SUPABASE_JWT_SECRET: randomBytes(36).toString("base64url"),
    SUPABASE_JWT_SIGNING_KEY: JSON.stringify(jwk),
    UPSTASH_REDIS_REST_TOKEN: randomBytes(24).toString("base64url"),
  };
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return secrets;
}
