/**
 * Benchmark of the game engine's hot path, straight against Postgres (no HTTP, no Realtime):
 * N players answer one question through the app's hot path (lib/db/answer-batcher.ts: the answers waiting
 * together go in one game.submit_answers statement) at a given concurrency, then the host closes it (one
 * set-based scoring statement) and reveals it (the event plus every player's own result, one query). Prints
 * answers/s, ack latency, statements per answer, close and reveal times. Then --rooms further sessions of
 * --room-players play the same quiz, as other pubs (or next week's quiz night) would: their close and reveal
 * must cost their own answers, not the question's whole history in the table.
 *
 *   npx tsx load/bench-engine.ts [--real [--keep]] [--answers 10000] [--concurrency 50] [--pool N]
 *                                [--rooms 5] [--room-players 50]
 *
 * Default: PGlite in memory behind pglite-socket (the local stack's database). --real: a fresh database on
 * BENCH_DATABASE_URL / TEST_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres), dropped after.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import postgres from "postgres";
import {
  advanceSession,
  asCaller,
  closeQuestion,
  createDb,
  createQuiz,
  createSession,
  joinSession,
  AnswerBatcher,
  observeGameCalls,
  type CallerClaims,
} from "@/lib/db";
import { createLogger } from "@/stack/log";
import { startDatabase } from "@/stack/postgres/database";

const { values: args } = parseArgs({
  options: {
    real: { type: "boolean", default: false },
    answers: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "50" },
    pool: { type: "string" },
    rooms: { type: "string", default: "5" },
    "room-players": { type: "string", default: "50" },
    /** Keep the --real database afterwards (its URL is printed) to inspect it. */
    keep: { type: "boolean", default: false },
  },
});
const ANSWERS = Number(args.answers);
const CONCURRENCY = Number(args.concurrency);
const ROOMS = Number(args.rooms);
const ROOM_PLAYERS = Number(args["room-players"]);

/** Runs task(i) for i in [0, count) with `concurrency` workers; returns each call's latency in ms. */
async function runPool(count: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<number[]> {
  const latencies = new Array<number>(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const started = performance.now();
      await task(i);
      latencies[i] = performance.now() - started;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return latencies;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** CPU seconds used so far by all local `postgres` server processes (for --real; Linux /proc). */
function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (!comm.startsWith("postgres")) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / 100; // USER_HZ
}

async function main() {
  let databaseUrl: string | undefined;
  if (args.real) {
    const url = new URL(
      process.env.BENCH_DATABASE_URL ??
        process.env.TEST_DATABASE_URL ??
        "postgresql://postgres@127.0.0.1:5432/postgres",
    );
    url.pathname = `/pubquiz_bench_${randomBytes(4).toString("hex")}`;
    databaseUrl = url.toString();
  }
  const database = await startDatabase({
    url: databaseUrl,
    host: "127.0.0.1",
    port: 0,
    dataDir: "memory://",
    migrationsDir: fileURLToPath(new URL("../supabase/migrations", import.meta.url)),
    log: createLogger("error", "bench"),
  });
  // One connection per concurrent caller, as the app's pool would have (PGlite still runs one at a time).
  const poolSize = Number(args.pool ?? CONCURRENCY);
  const db = createDb(database.url, { max: poolSize });
  const admin = database.sql;
  /** Anonymous users, inserted directly (their sign-in is not what is measured). */
  const createPlayers = async (count: number): Promise<string[]> => {
    const ids = Array.from({ length: count }, () => randomUUID());
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = ids.slice(i, i + 1000).map((id) => ({ id, is_anonymous: true }));
      await admin`insert into auth.users ${admin(rows, "id", "is_anonymous")}`;
    }
    return ids;
  };
  /** Every player joins the session by its PIN, CONCURRENCY at a time; each join's latency in ms. */
  const joinAll = (ids: string[], pin: string) =>
    runPool(ids.length, CONCURRENCY, (i) =>
      asCaller(db, claimsOf(ids[i]!), (tx) => joinSession(tx, { pin, nickname: `Player ${i + 1}` })),
    );
  const batcher = new AnswerBatcher(db);
  /** Player i's answer to the question: a quarter of the room on each option. */
  const answer = (id: string, i: number, sessionId: string, questionId: string) =>
    batcher.submit(claimsOf(id), {
      sessionId,
      questionId,
      answerId: randomUUID(),
      response: { choices: [["a", "b", "c", "d"][i % 4]!] },
    });
  console.log(`backend: ${database.backend}, answers: ${ANSWERS}, concurrency: ${CONCURRENCY}, pool: ${poolSize}`);

  try {
    const hostId = randomUUID();
    await admin`insert into auth.users (id, email) values (${hostId}, ${`${hostId}@bench.test`})`;
    const host: CallerClaims = { role: "authenticated", sub: hostId, is_anonymous: false };
    const quizId = await asCaller(db, host, (tx) =>
      createQuiz(tx, {
        title: "Bench",
        questions: [
          {
            kind: "single",
            prompt: "Pick one",
            time_limit_s: 240,
            options: ["a", "b", "c", "d"].map((id) => ({ id, text: id.toUpperCase() })),
            key: { correct_option_ids: ["b"] },
          },
        ],
      }),
    );
    const { session } = await asCaller(db, host, (tx) => createSession(tx, { quizId }));

    const players = await createPlayers(ANSWERS);

    let started = performance.now();
    const joinLatencies = await joinAll(players, session.pin);
    const joinSeconds = (performance.now() - started) / 1000;
    report("joins", players.length, joinSeconds, joinLatencies);

    await asCaller(db, host, (tx) => advanceSession(tx, session.id, "start"));
    const opened = await asCaller(db, host, (tx) => advanceSession(tx, session.id, "open"));
    if (opened.event?.type !== "question_opened") throw new Error("question did not open");
    const questionId = opened.event.question_id;

    const cpuBefore = process.cpuUsage();
    const pgCpuBefore = database.backend === "postgres" ? postgresCpuSeconds() : 0;
    started = performance.now();
    let accepted = 0;
    let statements = 0;
    observeGameCalls(() => {
      statements += 1;
      return () => {};
    });
    const answerLatencies = await runPool(players.length, CONCURRENCY, async (i) => {
      const ack = await answer(players[i]!, i, session.id, questionId);
      if (ack.status === "accepted") accepted++;
    });
    const answerSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const pgCpu = database.backend === "postgres" ? postgresCpuSeconds() - pgCpuBefore : 0;
    observeGameCalls(undefined);
    report("answers", accepted, answerSeconds, answerLatencies);
    console.log(
      `  ${statements} statements: ${(accepted / Math.max(1, statements)).toFixed(1)} answers per group commit`,
    );
    console.log(
      `  CPU during answers: node ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s` +
        (database.backend === "postgres" ? `, postgres ${pgCpu.toFixed(1)} s` : " (PGlite runs inside node)") +
        ` over ${answerSeconds.toFixed(1)} s wall`,
    );

    const [stored] = await admin`select count(*)::int as n from public.answers where question_id = ${questionId}`;
    started = performance.now();
    const closed = await asCaller(db, host, (tx) => closeQuestion(tx, session.id));
    const closeMs = performance.now() - started;
    const [scored] = await admin`select count(*)::int as n, count(*) filter (where is_correct)::int as correct,
      sum(points)::int as points from public.answers where question_id = ${questionId} and scored_at is not null`;
    console.log(
      `close: ${closeMs.toFixed(0)} ms for ${stored!.n} answers (scored ${scored!.n}, correct ${scored!.correct}, ` +
        `event answer_count ${closed.event?.type === "question_closed" ? closed.event.answer_count : "?"})`,
    );
    if (stored!.n !== ANSWERS || scored!.n !== ANSWERS || accepted !== ANSWERS) {
      throw new Error(`lost answers: accepted ${accepted}, stored ${stored!.n}, scored ${scored!.n} of ${ANSWERS}`);
    }

    // The reveal: the event and every player's own result, which the app sends to each phone.
    started = performance.now();
    const revealed = await asCaller(db, host, (tx) => advanceSession(tx, session.id, "reveal"));
    console.log(
      `reveal: ${(performance.now() - started).toFixed(0)} ms, with the own results of ${revealed.personal?.length ?? 0} players ` +
        `(${(JSON.stringify(revealed.personal ?? []).length / 1024).toFixed(0)} KB)`,
    );

    // Later rooms on the same quiz: each plays the question with its own players, the first room's answers
    // still in the table.
    const roomCloseMs: number[] = [];
    const roomRevealMs: number[] = [];
    for (let room = 0; room < ROOMS; room++) {
      const { session: roomSession } = await asCaller(db, host, (tx) => createSession(tx, { quizId }));
      const roomPlayers = await createPlayers(ROOM_PLAYERS);
      await joinAll(roomPlayers, roomSession.pin);
      await asCaller(db, host, (tx) => advanceSession(tx, roomSession.id, "start"));
      await asCaller(db, host, (tx) => advanceSession(tx, roomSession.id, "open"));
      await runPool(roomPlayers.length, CONCURRENCY, (i) => answer(roomPlayers[i]!, i, roomSession.id, questionId));
      started = performance.now();
      await asCaller(db, host, (tx) => closeQuestion(tx, roomSession.id));
      roomCloseMs.push(performance.now() - started);
      started = performance.now();
      await asCaller(db, host, (tx) => advanceSession(tx, roomSession.id, "reveal"));
      roomRevealMs.push(performance.now() - started);
      const [roomScored] = await admin`select count(*)::int as n from public.answers
        where session_id = ${roomSession.id} and scored_at is not null`;
      if (roomScored!.n !== ROOM_PLAYERS)
        throw new Error(`room ${room + 1}: scored ${roomScored!.n} of ${ROOM_PLAYERS}`);
    }
    if (ROOMS > 0) {
      const [total] = await admin`select count(*)::int as n from public.answers where question_id = ${questionId}`;
      const median = (ms: number[]) =>
        percentile(
          ms.toSorted((a, b) => a - b),
          50,
        ).toFixed(1);
      console.log(
        `${ROOMS} later rooms of ${ROOM_PLAYERS} on the same quiz (${total!.n} answers to the question in the table): ` +
          `close p50 ${median(roomCloseMs)} ms, reveal p50 ${median(roomRevealMs)} ms`,
      );
    }
  } finally {
    await db.end({ timeout: 2 });
    await database.stop();
    if (databaseUrl && !args.keep) await dropDatabase(databaseUrl);
    else if (databaseUrl) console.log(`kept: ${databaseUrl}`);
  }
}

const claimsOf = (id: string): CallerClaims => ({ role: "authenticated", sub: id, is_anonymous: true });

function report(label: string, count: number, seconds: number, latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `${label}: ${count} in ${seconds.toFixed(2)} s = ${(count / seconds).toFixed(0)}/s; latency ms p50 ${percentile(sorted, 50).toFixed(1)}, ` +
      `p95 ${percentile(sorted, 95).toFixed(1)}, p99 ${percentile(sorted, 99).toFixed(1)}, max ${(sorted.at(-1) ?? 0).toFixed(1)}`,
  );
}

async function dropDatabase(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = "/postgres";
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await sql.end({ timeout: 2 });
  }
}

await main();
