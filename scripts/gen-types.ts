import { readFileSync, writeFileSync } from "node:fs";
import { format } from "prettier";
import { fileURLToPath } from "node:url";
import { createLogger } from "../stack/log";
import { startDatabase } from "../stack/postgres/database";
import { runSupabaseCli } from "../stack/postgres/migrate";

/**
 * Regenerates lib/db/database.types.ts with `supabase gen types typescript --db-url` against a fresh
 * database with every migration applied. `--check` fails (exit 1) when the committed file has drifted.
 */
const target = fileURLToPath(new URL("../lib/db/database.types.ts", import.meta.url));
const check = process.argv.includes("--check");

const db = await startDatabase({
  host: "127.0.0.1",
  port: 0,
  dataDir: "memory://",
  migrationsDir: fileURLToPath(new URL("../supabase/migrations", import.meta.url)),
  log: createLogger("error"),
});
let generated: string;
try {
  const { stdout } = await runSupabaseCli([
    "gen",
    "types",
    "typescript",
    "--db-url",
    db.url,
    "--schema",
    "public,game",
  ]);
  // The CLI prints connection notices on stdout before the types; keep the types only.
  const types = stdout.slice(Math.max(0, stdout.indexOf("export type Json")));
  generated = await format(types, { parser: "typescript", printWidth: 120 });
} finally {
  await db.stop();
}

if (check) {
  const committed = readFileSync(target, "utf8");
  if (committed !== generated) {
    console.error("lib/db/database.types.ts is out of date: run `npm run db:types` and commit the result.");
    process.exit(1);
  }
  console.log("database types are up to date");
} else {
  writeFileSync(target, generated);
  console.log(`wrote ${target}`);
}
