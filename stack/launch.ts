import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { parseStackEnv } from "./config";
import { startStack, type Stack } from "./stack";

/**
 * `npm run dev` / `npm start`: starts the local stack in this process, then runs Next.js (the command after
 * `--`) as a child with the stack's environment. Set PUBQUIZ_LOCAL_STACK=0 to run against services given in
 * the environment instead (hosted Supabase + Upstash, or `supabase start`).
 *
 *   tsx stack/launch.ts [--build-if-missing] -- next start --port 3000
 */
const argv = process.argv.slice(2);
const separator = argv.indexOf("--");
const flags = separator === -1 ? argv : argv.slice(0, separator);
const command = separator === -1 ? [] : argv.slice(separator + 1);
if (command[0] !== "next") {
  console.error("usage: tsx stack/launch.ts [--build-if-missing] -- next <dev|start> [args]");
  process.exit(2);
}

const useLocalStack = process.env.PUBQUIZ_LOCAL_STACK !== "0";
let stack: Stack | undefined;
let childEnv: NodeJS.ProcessEnv = { ...process.env };
if (useLocalStack) {
  stack = await startStack(parseStackEnv());
  childEnv = { ...childEnv, ...stack.clientEnv };
  process.stderr.write(`local stack ready at ${stack.apiUrl} (Postgres ${stack.db.backend}: ${stack.db.url})\n`);
}

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
if (flags.includes("--build-if-missing") && !existsSync(".next/BUILD_ID")) {
  process.stderr.write("no production build found: running `next build` first\n");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: childEnv });
  if (build.status !== 0) await shutdown(build.status ?? 1);
}

const child = spawn(process.execPath, [nextBin, ...command.slice(1)], { stdio: "inherit", env: childEnv });
child.on("exit", (code, signal) => void shutdown(code ?? (signal ? 1 : 0)));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    child.kill(signal);
  });
}

async function shutdown(code: number): Promise<never> {
  await stack?.stop().catch(() => {});
  process.exit(code);
}
