/**
 * What each player request costs the server, route by route: CPU ms per request of the app, the stack and
 * the database (from /proc, so the target must run on this machine), and the rate at a fixed concurrency.
 * The load tool says whether a scenario holds; this says where the CPU of a scenario goes, so a change to a
 * hot path can be measured on its own.
 *
 *   npm run bench:routes -- --url http://127.0.0.1:3199 [--players 400] [--concurrency 16]
 *
 * Steps, each measured on its own: POST /api/echo (the ceiling's route), anonymous sign-in (the stack's
 * Auth), POST /api/sessions/join, GET …/snapshot, POST …/answers (every player's first answer: a stored
 * row), and the same answers retried (same ids: the idempotent path, which does all the work but the insert).
 * Start a target first, e.g. `npm run load:smoke -- --players 1` leaves none running, so use
 * `RATE_LIMIT_SCALE=100 npm start` (load/README.md also says how to profile the app under a whole scenario).
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { createClient } from "@supabase/supabase-js";
import WebSocket from "ws";
import { Host, loadQuiz, signInHost } from "./host";
import { HttpClient } from "./http-client";
import { isLoopback, ServerProcesses, type RoleFigures } from "./server-processes";
import { distribution } from "./stats";

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:3000" },
    players: { type: "string", default: "400" },
    concurrency: { type: "string", default: "16" },
  },
});
const PLAYERS = Number(args.players);
const CONCURRENCY = Number(args.concurrency);

const http = new HttpClient(args.url, { maxSockets: CONCURRENCY * 2 });
const config = (await http.json<{ supabaseUrl: string; supabaseAnonKey: string }>("/api/config")).body;
const appUrl = new URL(args.url);
const supabaseUrl = new URL(config.supabaseUrl);
if (!isLoopback(appUrl.hostname) || !isLoopback(supabaseUrl.hostname)) {
  console.error("bench:routes reads the servers' CPU from /proc: run it against a target on this machine.");
  process.exit(2);
}
const processes = ServerProcesses.discover(Number(appUrl.port || 80), Number(supabaseUrl.port || 80));
if (!processes) {
  console.error(`No process listens on ${appUrl.port}.`);
  process.exit(2);
}
console.log(`target ${args.url} (${processes.describe()}); ${PLAYERS} players, ${CONCURRENCY} in flight`);

/** Runs task(i) for every i with CONCURRENCY workers; the servers' CPU and the latencies of the step. */
async function step(name: string, count: number, task: (i: number) => Promise<unknown>) {
  processes!.refresh();
  const before = processes!.sample();
  const started = performance.now();
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, count) }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t = performance.now();
        try {
          await task(i);
          latencies.push(performance.now() - t);
        } catch {
          failures += 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = processes!.sample();
  const per = (role: keyof RoleFigures) => (after.cpuMs[role] - before.cpuMs[role]) / count;
  const ms = distribution(latencies);
  console.log(
    `${name.padEnd(22)} ${String(count).padStart(6)} × ${(count / seconds).toFixed(0).padStart(5)}/s` +
      `  CPU ms/request app ${per("app").toFixed(2)} stack ${per("stack").toFixed(2)} db ${per("db").toFixed(2)}` +
      `  p50/p99 ${ms.p50}/${ms.p99} ms${failures ? `  FAILED ${failures}` : ""}`,
  );
}

// The game: a host, a quiz of one question, a session with that question open once everyone has joined.
const host = new Host(http, await signInHost(config, { email: null, password: null }));
const quizId = await host.createQuiz(loadQuiz(1, 240));
const session = await host.startSession(quizId);
const players = Array.from({ length: PLAYERS }, () => ({ token: "", answerId: randomUUID() }));

const echoBody = { answerId: randomUUID(), questionId: randomUUID(), response: { choices: ["a"] } };
await step("warm-up (echo)", PLAYERS * 2, () => http.json("/api/echo", { body: echoBody }));
await step("POST /api/echo", PLAYERS * 4, () => http.json("/api/echo", { body: echoBody }));
await step("anonymous sign-in", PLAYERS, async (i) => {
  const client = createClient(config.supabaseUrl, config.supabaseAnonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
  });
  const { data, error } = await client.auth.signInAnonymously();
  if (error || !data.session) throw error ?? new Error("no session");
  players[i]!.token = data.session.access_token;
});
await step("POST join", PLAYERS, (i) =>
  http.json("/api/sessions/join", { body: { pin: session.pin, nickname: `Bench ${i}` }, token: players[i]!.token }),
);
await step("GET snapshot", PLAYERS * 2, (i) =>
  http.json(`/api/sessions/${session.id}/snapshot`, { token: players[i % PLAYERS]!.token }),
);
await host.act(session.id, "start");
const { event } = await host.act(session.id, "open");
if (event?.type !== "question_opened") throw new Error("the question did not open");
const answer = (i: number) =>
  http.json(`/api/sessions/${session.id}/answers`, {
    body: { answerId: players[i]!.answerId, questionId: event.question_id, response: { choices: ["a"] } },
    token: players[i]!.token,
  });
await step("POST answers (stored)", PLAYERS, answer);
await step("POST answers (retried)", PLAYERS, answer);
http.close();
process.exit(0);
