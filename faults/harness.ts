import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { createRequire } from "node:module";
import { parseStackEnv } from "@/stack/config";
import { startStack, type Stack } from "@/stack/stack";
import { FaultProxy } from "./fault-proxy";

/**
 * The system under test for the fault suite: the local stack in this process (PGlite in memory, or a real
 * Postgres + Redis with FAULTS_DATABASE_URL / FAULTS_REDIS_URL), the production build (`next start`) as a
 * child process with the stack's environment, and a fault proxy between the app and the stack's Upstash
 * endpoint. Budgets are raised as load/README.md explains: one machine plays every player.
 *
 * Ports: FAULTS_APP_PORT (3700), FAULTS_STACK_PORT (54401), FAULTS_DB_PORT (54402), FAULTS_PROXY_PORT (54403).
 * The app's own log (its error lines while a fault is on) goes to .faults/app.log.
 */
export type Harness = {
  appUrl: string;
  stack: Stack;
  /** Between the app and `<stack>/upstash`: the app's UPSTASH_REDIS_REST_URL points here. */
  redisProxy: FaultProxy;
  app: AppProcess;
  stop(): Promise<void>;
};

const env = process.env;
const appPort = Number(env.FAULTS_APP_PORT ?? 3700);
const stackPort = Number(env.FAULTS_STACK_PORT ?? 54401);
const dbPort = Number(env.FAULTS_DB_PORT ?? 54402);
const proxyPort = Number(env.FAULTS_PROXY_PORT ?? 54403);

export async function startHarness(): Promise<Harness> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("test:faults needs a production build: run `npm run build`.");
  const stack = await startStack(
    parseStackEnv({
      STACK_API_PORT: String(stackPort),
      STACK_DB_PORT: String(dbPort),
      STACK_DATA_DIR: "memory://",
      STACK_LOG: "error",
      STACK_AUTH_ANONYMOUS_PER_HOUR: "100000",
      DATABASE_URL: env.FAULTS_DATABASE_URL,
      REDIS_URL: env.FAULTS_REDIS_URL,
    }),
  );
  const redisProxy = new FaultProxy(proxyPort, { host: "127.0.0.1", port: stackPort });
  await redisProxy.start();
  const app = new AppProcess(appPort, {
    ...env,
    ...stack.clientEnv,
    UPSTASH_REDIS_REST_URL: `${redisProxy.url}/upstash`,
    RATE_LIMIT_SCALE: "100",
    NODE_ENV: "production",
  });
  await app.start();
  return {
    appUrl: app.url,
    stack,
    redisProxy,
    app,
    async stop() {
      await app.stop();
      await redisProxy.stop();
      await stack.stop();
    },
  };
}

/** `next start` as a child process in a process group of its own, so a kill takes its children too. */
export class AppProcess {
  private child: ChildProcess | null = null;
  readonly url: string;

  constructor(
    private readonly port: number,
    private readonly childEnv: NodeJS.ProcessEnv,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Starts the app; resolves once it answers GET /api/config (ms it took). */
  async start(timeoutMs = 120_000): Promise<number> {
    const started = Date.now();
    const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
    mkdirSync(".faults", { recursive: true });
    const log = openSync(".faults/app.log", "a");
    this.child = spawn(process.execPath, [nextBin, "start", "--port", String(this.port)], {
      detached: true,
      stdio: ["ignore", log, log],
      env: this.childEnv,
    });
    closeSync(log); // the child has its own copy
    while (Date.now() - started < timeoutMs) {
      if (this.child.exitCode !== null) throw new Error(`next start exited with ${this.child.exitCode}`);
      try {
        if ((await fetch(`${this.url}/api/config`)).ok) return Date.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the app did not come up on ${this.url} within ${timeoutMs} ms`);
  }

  /** Kills the process group; SIGKILL is a crash (no graceful shutdown, requests in flight die). */
  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    process.kill(-child.pid, signal);
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    const timer = setTimeout(() => void this.kill("SIGKILL"), 10_000);
    await this.kill("SIGTERM");
    clearTimeout(timer);
  }
}
