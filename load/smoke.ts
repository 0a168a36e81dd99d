/**
 * `npm run load:smoke`: the load tool's smoke test for CI. Starts the production build (`npm run build`
 * first) on the local stack with a throwaway in-memory database on ports of its own, waits until it answers,
 * runs 2 sessions × 25 players × 2 questions with --budget, stops it, and exits with the tool's code.
 *
 * Ports: LOAD_SMOKE_APP_PORT (3199), LOAD_SMOKE_STACK_PORT (54391), LOAD_SMOKE_DB_PORT (54392).
 * Extra arguments are passed to the tool (e.g. `npm run load:smoke -- --players 100`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";

const appPort = process.env.LOAD_SMOKE_APP_PORT ?? "3199";
const stackPort = process.env.LOAD_SMOKE_STACK_PORT ?? "54391";
const dbPort = process.env.LOAD_SMOKE_DB_PORT ?? "54392";
const url = `http://127.0.0.1:${appPort}`;
// Lets the tool read the app's event-loop delay from GET /api/metrics.
const metricsToken = randomBytes(18).toString("base64url");

if (!existsSync(".next/BUILD_ID")) {
  console.error("load:smoke needs a production build: run `npm run build` first.");
  process.exit(2);
}

const target = spawn("npx", ["tsx", "stack/launch.ts", "--", "next", "start", "--port", appPort], {
  detached: true, // its own process group, so stopping it also stops Next.js and the stack
  stdio: ["ignore", "ignore", "inherit"],
  env: {
    ...process.env,
    PUBQUIZ_LOCAL_STACK: "1",
    STACK_API_PORT: stackPort,
    STACK_DB_PORT: dbPort,
    STACK_DATA_DIR: "memory://",
    STACK_LOG: "error",
    // One machine plays every player: lift the per-IP budgets real pubs never reach.
    RATE_LIMIT_SCALE: "100",
    STACK_AUTH_ANONYMOUS_PER_HOUR: "100000",
    METRICS_TOKEN: metricsToken,
  },
});

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.pid === undefined) return resolve();
    const timer = setTimeout(() => {
      process.kill(-child.pid!, "SIGKILL");
      resolve();
    }, 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    process.kill(-child.pid, "SIGTERM");
  });
}

async function waitUntilReady(deadlineMs: number): Promise<boolean> {
  while (Date.now() < deadlineMs) {
    if (target.exitCode !== null) return false;
    try {
      const response = await fetch(`${url}/api/config`);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

let code = 1;
try {
  if (!(await waitUntilReady(Date.now() + 180_000))) {
    console.error(`load:smoke: the app did not come up on ${url}`);
  } else {
    mkdirSync(".load", { recursive: true });
    const tool = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "load/cli.ts",
        "--url",
        url,
        "--players",
        "25",
        "--sessions",
        "2",
        "--questions",
        "2",
        "--think",
        "uniform:2000",
        "--ceiling-seconds",
        "2",
        "--budget",
        "--json",
        ".load/smoke.json",
        ...process.argv.slice(2),
      ],
      { stdio: "inherit", env: { ...process.env, METRICS_TOKEN: metricsToken } },
    );
    code = await new Promise<number>((resolve) => tool.on("exit", (exitCode) => resolve(exitCode ?? 1)));
  }
} finally {
  await stop(target);
}
process.exit(code);
