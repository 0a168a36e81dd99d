import { fork, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ConnectCommand, Report } from "./fanout-clients";
import { printReport, quantile, ratios, round2 as round, summarize, type RunResult } from "./fanout-report";

/**
 * `npm run bench:realtime -- --subscribers 1000,5000 --broadcasts 20 [--interval 300] [--workers 4]
 *  [--warmup 3] [--rounds 1] [--private] [--endpoint batch|single] [--only "stack public,bare-ws floor"] [--json PATH] [--timeout 1800]`
 *
 * Fan-out of server-sent broadcasts, the way PubQuiz uses Realtime: N official supabase-js clients on one
 * channel, the server POSTs B broadcasts to /realtime/v1/api/broadcast with the service key, each carrying
 * its send time. Reports delivery latency (p50/p99/max), lost messages and the server's CPU per delivered
 * message, next to the floor measured in the same run: a bare `ws` server writing one pre-serialized
 * Buffer to N bare `ws` clients.
 *
 * The server runs in a child process (its CPU measured there), the clients in `--workers` other child
 * processes. 127.0.0.1 only; bounded in count and time (`--timeout`, default 1800 s), stops by itself.
 */

type Variant = { name: string; server: "stack" | "bare"; client: "supabase" | "phoenix" | "bare"; isPrivate: boolean };
type Ready = { type: "ready"; apiUrl: string; anonKey: string; serviceRoleKey: string; userToken: string };
type CpuReply = { type: "cpu"; cpu: NodeJS.CpuUsage; stats?: { last_fan_out?: { ms: number } | null } };

const args = parseArgs(process.argv.slice(2));
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const children = new Set<ChildProcess>();
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Hard stop: whatever happens, the benchmark ends and takes its children with it.
const deadline = setTimeout(() => {
  console.error(`benchmark exceeded ${args.timeoutS} s, stopping`);
  killAll();
  process.exit(2);
}, args.timeoutS * 1000);
deadline.unref();
process.on("exit", killAll);

// "stack public" is the target (official clients); "stack raw-ws" has the floor's clients, so comparing it
// with the floor isolates the server's own cost from supabase-js' client-side work.
const variants: Variant[] = [
  { name: "stack public", server: "stack", client: "supabase", isPrivate: false },
  { name: "stack raw-ws", server: "stack", client: "phoenix", isPrivate: false },
  ...(args.includePrivate
    ? [{ name: "stack private", server: "stack", client: "supabase", isPrivate: true } as Variant]
    : []),
  { name: "bare-ws floor", server: "bare", client: "bare", isPrivate: false },
];

const results: RunResult[] = [];
for (const n of args.subscribers) {
  // Rounds interleave the variants, so background load hits them alike; ratios are taken within a round.
  for (let round = 1; round <= args.rounds; round++) {
    for (const variant of variants.filter((v) => !args.only || args.only.includes(v.name))) {
      process.stderr.write(`… round ${round}/${args.rounds}: ${variant.name}, ${n} subscribers\n`);
      results.push({ round, ...(await run(variant, n)) });
    }
  }
}
const summaries = summarize(results);
const allRatios = ratios(results, args.subscribers);
printReport(summaries, allRatios);
if (args.json) {
  writeFileSync(args.json, `${JSON.stringify({ args, summaries, ratios: allRatios, runs: results }, null, 2)}\n`);
}
killAll();
process.exit(0);

async function run(variant: Variant, subscribers: number): Promise<Omit<RunResult, "round">> {
  const server = spawn(here("./fanout-server.ts"), [variant.server]);
  const ready = await nextMessage<Ready>(server, "ready");
  const topic = `bench-${variant.isPrivate ? "private" : "public"}`;
  const workers = Array.from({ length: Math.min(args.workers, subscribers) }, () =>
    spawn(here("./fanout-clients.ts"), []),
  );
  await Promise.all(workers.map((w) => nextMessage(w, "started")));

  const joinCpu0 = await ask<CpuReply>(server, { cmd: "cpu" }, "cpu");
  const joinStarted = performance.now();
  await Promise.all(
    workers.map((w, i) => {
      const count = Math.floor(subscribers / workers.length) + (i < subscribers % workers.length ? 1 : 0);
      const cmd: ConnectCommand = {
        cmd: "connect",
        kind: variant.client,
        apiUrl: ready.apiUrl,
        key: ready.anonKey,
        token: variant.isPrivate ? ready.userToken : undefined,
        topic,
        isPrivate: variant.isPrivate,
        count,
      };
      w.send(cmd);
      return nextMessage(w, "connected");
    }),
  );
  const joinS = (performance.now() - joinStarted) / 1000;
  await sleep(500);

  const cpu0 = await ask<CpuReply>(server, { cmd: "cpu" }, "cpu");
  const joinCpuS = cpuSeconds(joinCpu0.cpu, cpu0.cpu);
  const clientCpu0 = await Promise.all(workers.map((w) => ask<Report>(w, { cmd: "report" }, "report")));
  // Warm-up broadcasts (negative indexes, not counted) let both sides JIT-compile their paths first.
  for (let i = -args.warmup; i < args.broadcasts; i++) {
    const started = performance.now();
    const payload = { i, sentAt: now() };
    const res =
      variant.server === "stack"
        ? await stackBroadcast(ready, topic, variant.isPrivate, payload)
        : await fetch(`${ready.apiUrl}/broadcast`, {
            method: "POST",
            body: JSON.stringify({ topic, event: "tick", payload }),
          });
    if (res.status !== 202) throw new Error(`broadcast answered ${res.status}`);
    await sleep(Math.max(0, args.intervalMs - (performance.now() - started)));
  }
  // Grace period for the last deliveries.
  const expected = subscribers * args.broadcasts;
  const graceUntil = performance.now() + 5000;
  let reports: Report[] = [];
  for (;;) {
    reports = await Promise.all(workers.map((w) => ask<Report>(w, { cmd: "report" }, "report")));
    const delivered = reports.reduce((sum, r) => sum + r.indexes.filter((i) => i >= 0).length, 0);
    if (delivered >= expected || performance.now() > graceUntil) break;
    await sleep(200);
  }
  const cpu1 = await ask<CpuReply>(server, { cmd: "cpu" }, "cpu");

  const perBroadcast: number[][] = Array.from({ length: args.broadcasts }, () => []);
  for (const r of reports) r.indexes.forEach((i, k) => i >= 0 && perBroadcast[i]?.push(r.latencies[k]!));
  for (const list of perBroadcast) list.sort((a, b) => a - b);
  const latencies = perBroadcast.flat().sort((a, b) => a - b);
  const delivered = latencies.length;
  const broadcastP99s = perBroadcast.map((l) => quantile(l, 0.99)).sort((a, b) => a - b);
  const serverCpuS = cpuSeconds(cpu0.cpu, cpu1.cpu);
  const clientsCpuS = reports.reduce((sum, r, i) => sum + cpuSeconds(clientCpu0[i]!.cpu, r.cpu), 0);
  for (const w of workers) w.send({ cmd: "close" });
  server.send({ cmd: "stop" });
  await Promise.all([server, ...workers].map((child) => exited(child, 5000)));

  return {
    variant: variant.name,
    subscribers,
    broadcasts: args.broadcasts,
    delivered,
    lost: expected - delivered,
    p50_ms: round(quantile(latencies, 0.5)),
    p99_ms: round(quantile(latencies, 0.99)),
    max_ms: round(latencies.at(-1) ?? 0),
    median_broadcast_p99_ms: round(quantile(broadcastP99s, 0.5)),
    per_broadcast_max_ms: perBroadcast.map((l) => round(l.at(-1) ?? 0)),
    join_s: round(joinS),
    join_server_cpu_s: round(joinCpuS),
    server_cpu_s: round(serverCpuS),
    server_cpu_us_per_msg: round(delivered > 0 ? (serverCpuS * 1e6) / delivered : 0),
    clients_cpu_s: round(clientsCpuS),
    last_fan_out_ms: cpu1.stats?.last_fan_out ? round(cpu1.stats.last_fan_out.ms) : null,
  };
}

/** Through the batch endpoint (text frames, as Supabase) or `--endpoint single` (kind-4 binary frames). */
function stackBroadcast(ready: Ready, topic: string, isPrivate: boolean, payload: unknown): Promise<Response> {
  const headers = { "content-type": "application/json", authorization: `Bearer ${ready.serviceRoleKey}` };
  if (args.endpoint === "single") {
    const url = `${ready.apiUrl}/realtime/v1/api/broadcast/${encodeURIComponent(topic)}/events/tick?private=${isPrivate}`;
    return fetch(url, { method: "POST", headers, body: JSON.stringify(payload) });
  }
  const body = JSON.stringify({ messages: [{ topic, event: "tick", payload, private: isPrivate }] });
  return fetch(`${ready.apiUrl}/realtime/v1/api/broadcast`, { method: "POST", headers, body });
}

function spawn(script: string, argv: string[]): ChildProcess {
  const extra = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
  const child = fork(script, argv, {
    execArgv: ["--import", "tsx", "--max-old-space-size=4096", ...extra],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: { type?: string; error?: string }) => {
      if (msg.type === "error") {
        cleanup();
        reject(new Error(msg.error));
      } else if (msg.type === type) {
        cleanup();
        resolve(msg as T);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`child exited (${code}) while waiting for ${type}`));
    };
    const cleanup = () => {
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}

function ask<T>(child: ChildProcess, cmd: unknown, type: string): Promise<T> {
  const reply = nextMessage<T>(child, type);
  child.send(cmd as object);
  return reply;
}

function cpuSeconds(before: NodeJS.CpuUsage, after: NodeJS.CpuUsage): number {
  return (after.user - before.user + after.system - before.system) / 1e6;
}

/** Waits for a child to exit by itself, then kills it. */
async function exited(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await Promise.race([new Promise((resolve) => child.once("exit", resolve)), sleep(ms)]);
  kill(child);
}

function kill(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

function killAll(): void {
  for (const child of children) kill(child);
}

function parseArgs(argv: string[]) {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const subscribers = (get("subscribers") ?? "1000,5000").split(",").map(Number);
  const broadcasts = Number(get("broadcasts") ?? 20);
  if (subscribers.some((n) => !Number.isInteger(n) || n < 1 || n > 20_000))
    throw new Error("--subscribers: 1‥20000 each");
  if (!Number.isInteger(broadcasts) || broadcasts < 1 || broadcasts > 1000) throw new Error("--broadcasts: 1‥1000");
  return {
    subscribers,
    broadcasts,
    intervalMs: Number(get("interval") ?? 300),
    workers: Math.max(1, Number(get("workers") ?? 4)),
    includePrivate: argv.includes("--private"),
    json: get("json"),
    rounds: Math.max(1, Number(get("rounds") ?? 1)),
    endpoint: get("endpoint") === "single" ? ("single" as const) : ("batch" as const),
    timeoutS: Number(get("timeout") ?? 1800),
    warmup: Math.max(0, Number(get("warmup") ?? 3)),
    /** Comma-separated variant names, e.g. "stack raw-ws,bare-ws floor". */
    only: get("only")?.split(","),
  };
}
