import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createRequire } from "node:module";
import type { Logger } from "../log";

/**
 * Applies `supabase/migrations/*.sql` with the Supabase CLI itself (`supabase db push --db-url`), so what runs
 * locally is exactly what a push to a hosted project runs, recorded in `supabase_migrations.schema_migrations`
 * and applied once.
 */
export async function applyMigrations(options: { dbUrl: string; migrationsDir: string; log: Logger }): Promise<void> {
  const { dbUrl, migrationsDir, log } = options;
  if (!existsSync(migrationsDir) || readdirSync(migrationsDir).every((f) => !f.endsWith(".sql"))) return;
  const workdir = resolve(migrationsDir, "..", "..");
  const started = Date.now();
  const { stdout, stderr } = await runSupabaseCli(["db", "push", "--db-url", dbUrl, "--yes", "--workdir", workdir]);
  const applied = `${stdout}${stderr}`.split("\n").filter((line) => line.startsWith("Applying migration"));
  log.info("migrations applied", { ms: Date.now() - started, applied: applied.length });
}

/** The CLI from the `supabase` dev dependency; its wrapper finds the binary in the platform package. */
function supabaseCliScript(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve("supabase/package.json");
  const pkg = require(pkgPath) as { bin: Record<string, string> };
  return join(dirname(pkgPath), pkg.bin.supabase ?? "dist/supabase.js");
}

/** Runs the CLI; resolves with its stdout (progress and warnings go to stderr). */
export function runSupabaseCli(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [supabaseCliScript(), ...args],
      { env: { ...process.env, SUPABASE_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`supabase ${args.slice(0, 2).join(" ")} failed: ${stderr || stdout || error.message}`));
        else resolvePromise({ stdout, stderr });
      },
    );
  });
}
