import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { networkInterfaces } from "node:os";
import { parseStackEnv } from "./config";
import { loadOrCreateLanSecrets } from "./lan-secrets";
import { startStack, type Stack } from "./stack";

/**
 * `npm run dev` / `npm start`: starts the local stack in this process, then runs Next.js (the command after
 * `--`) as a child with the stack's environment. Set PUBQUIZ_LOCAL_STACK=0 to run against services given in
 * the environment instead (hosted Supabase + Upstash, or `supabase start`).
 *
 * --lan (`npm run dev:lan` / `start:lan`): phones on the same Wi-Fi can play. The app and the stack's API
 * listen on every interface, with secrets of this machine's own instead of the public development ones.
 *
 *   tsx stack/launch.ts [--build-if-missing] [--lan] -- next start --port 3000
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
const lan = flags.includes("--lan");
let stack: Stack | undefined;
let childEnv: NodeJS.ProcessEnv = { ...process.env };
if (lan) {
  command.push("--hostname", "0.0.0.0");
  if (useLocalStack) {
    const stackEnv = parseStackEnv({ ...process.env, STACK_HOST: "127.0.0.1" });
    const secrets = await loadOrCreateLanSecrets(stackEnv.STACK_DATA_DIR);
    for (const [key, value] of Object.entries(secrets)) process.env[key] ??= value;
    process.env.STACK_HOST = "0.0.0.0";
  }
}
if (useLocalStack) {
  stack = await startStack(parseStackEnv());
  childEnv = { ...childEnv, ...stack.clientEnv };
  process.stderr.write(`local stack ready at ${stack.apiUrl} (Postgres ${stack.db.backend}: ${stack.db.url})\n`);
}

// Phones keep their connection for the whole game. With Node's default of 5 s, every phone reconnects for
// every answer, and a room of thousands answering at once overflows the listen queue (each dropped SYN costs
// a phone a 1 s retransmit, then 2 s, then 4 s).
if (command[1] === "start" && !command.includes("--keepAliveTimeout")) command.push("--keepAliveTimeout", "120000");

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
if (flags.includes("--build-if-missing") && !existsSync(".next/BUILD_ID")) {
  process.stderr.write("no production build found: running `next build` first\n");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: childEnv });
  if (build.status !== 0) await shutdown(build.status ?? 1);
}

if (lan) {
  const port = command.includes("--port") ? command[command.indexOf("--port") + 1] : "3000";
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === "IPv4" && !a.internal)
    .map((a) => `http://${a!.address}:${port}`);
  process.stderr.write(`LAN mode: players join at ${addresses.join(" or ") || "(no network interface found)"}\n`);
}

// PROFILE_APP_DIR: a V8 CPU profile of the Next.js process, written there when it stops (load/README.md).
const profileArgs = process.env.PROFILE_APP_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.PROFILE_APP_DIR}`] : [];
const child = spawn(process.execPath, [...profileArgs, nextBin, ...command.slice(1)], {
  stdio: "inherit",
  env: childEnv,
});
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
