import { randomUUID } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import { isConnectionLoss, toErrorResponse } from "@/lib/api/errors";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  AnswerBatcher,
  asCaller,
  createDb,
  createQuiz,
  getSnapshotAs,
  hostStepAs,
  joinSession,
  observeGameCalls,
  type AnswerInput,
} from "@/lib/db";
import type { AnswerResponse } from "@/lib/game/shapes";
import { errorCode, startTestDb, type TestDb, type TestUser } from "./harness";
import { sampleQuiz, SECRET_OPTION, setupGame, type Game } from "./fixtures";

/**
 * Group commit: the answers that reach one app instance together go to Postgres in one statement
 * (game.submit_answers), each under its own caller's claims, each with its own outcome.
 */
let t: TestDb;
beforeAll(async () => {
  t = await startTestDb({ poolSize: 20 });
});
afterAll(async () => {
  await t?.stop();
});
afterEach(() => observeGameCalls(undefined));

async function openGame(players: number): Promise<Game> {
  const game = await setupGame(t, { players });
  await game.step("start");
  await game.step("open");
  return game;
}

const storedAnswers = (sessionId: string) =>
  t.admin`select id, participant_id, response, scored_at from public.answers where session_id = ${sessionId}`;

/** Submits through a batcher; resolves to the acknowledgement's status or the refusal's code. */
function outcome(batcher: AnswerBatcher, user: TestUser, input: AnswerInput): Promise<string> {
  return batcher.submit(user.claims, input).then(
    (ack) => ack.status,
    (error: { code?: string }) => error.code ?? "unknown",
  );
}

describe("game.submit_answers through the AnswerBatcher", () => {
  test("answers arriving together share one statement, and each gets its own outcome", async () => {
    const game = await openGame(6);
    const [a, b, c, d, e, f] = game.players;
    const stranger = await t.createUser({ anonymous: true });
    const questionId = await game.currentQuestionId();
    const input = (response: AnswerResponse, answerId = randomUUID()): AnswerInput => ({
      sessionId: game.sessionId,
      questionId,
      answerId,
      response,
    });
    const calls: string[] = [];
    observeGameCalls((fn) => {
      calls.push(fn);
      return () => {};
    });
    const batcher = new AnswerBatcher(t.db);
    const repeated = randomUUID();
    const outcomes = await Promise.all([
      outcome(batcher, a!.user, input({ choices: [SECRET_OPTION] }, repeated)),
      outcome(batcher, a!.user, input({ choices: [SECRET_OPTION] }, repeated)), // a retry in the same batch
      outcome(batcher, b!.user, input({ choices: ["a"] })),
      outcome(batcher, b!.user, input({ choices: ["c"] })), // another answer to the same question
      outcome(batcher, c!.user, input({ choices: ["no-such-option"] })),
      outcome(batcher, d!.user, input({ choices: ["a"] }, repeated)), // someone else's answer id
      outcome(batcher, stranger, input({ choices: ["a"] })),
      outcome(batcher, e!.user, { ...input({ choices: ["a"] }), questionId: randomUUID() }),
      outcome(batcher, f!.user, input({ choices: [SECRET_OPTION] })),
    ]);
    expect(outcomes).toEqual([
      "accepted",
      "duplicate",
      "accepted",
      "already_answered",
      "invalid_response",
      "answer_id_conflict",
      "not_participant",
      "question_not_open",
      "accepted",
    ]);
    expect(calls).toEqual(["submit_answers"]);
    const stored = await storedAnswers(game.sessionId);
    expect(new Map(stored.map((row) => [row.participant_id, row.response]))).toEqual(
      new Map([
        [a!.participantId, { choices: [SECRET_OPTION] }],
        [b!.participantId, { choices: ["a"] }],
        [f!.participantId, { choices: [SECRET_OPTION] }],
      ]),
    );
  });

  test("while the database is busy, answers queue and go in few statements; every acknowledged one is stored", async () => {
    const game = await setupGame(t);
    const users = await t.createUsers(300, { anonymous: true });
    const joined = await Promise.all(
      users.map((user, i) => t.as(user, (tx) => joinSession(tx, { pin: game.pin, nickname: `Racer ${i}` }))),
    );
    await game.step("start");
    await game.step("open");
    const questionId = await game.currentQuestionId();
    let statements = 0;
    observeGameCalls(() => {
      statements += 1;
      return () => {};
    });
    const batcher = new AnswerBatcher(t.db, { maxInFlight: 2, maxBatch: 100 });
    const acks = await Promise.all(
      users.map((user) =>
        batcher.submit(user.claims, {
          sessionId: game.sessionId,
          questionId,
          answerId: randomUUID(),
          response: { choices: [SECRET_OPTION] },
        }),
      ),
    );
    expect(acks.every((ack) => ack.status === "accepted")).toBe(true);
    expect(statements).toBeGreaterThanOrEqual(3); // at most 100 to a statement
    expect(statements).toBeLessThan(20);
    const stored = await storedAnswers(game.sessionId);
    expect(stored.map((row) => row.id).sort()).toEqual(acks.map((ack) => ack.answer.id).sort());
    expect(new Set(stored.map((row) => row.participant_id))).toEqual(new Set(joined.map((j) => j.participant.id)));
  });

  test("a close racing a stream of batches: whatever was acknowledged is stored and scored, the rest refused", async () => {
    const game = await setupGame(t);
    const users = await t.createUsers(120, { anonymous: true });
    for (const [i, user] of users.entries())
      await t.as(user, (tx) => joinSession(tx, { pin: game.pin, nickname: `Closer ${i}` }));
    await game.step("start");
    await game.step("open");
    const questionId = await game.currentQuestionId();
    const batcher = new AnswerBatcher(t.db, { maxInFlight: 2, maxBatch: 10 });
    const submits = users.map((user) =>
      batcher
        .submit(user.claims, {
          sessionId: game.sessionId,
          questionId,
          answerId: randomUUID(),
          response: { choices: ["a"] },
        })
        .then(
          (ack) => ({ id: ack.answer.id }),
          (error: { code?: string }) => ({ code: error.code }),
        ),
    );
    const close = new Promise((resolve) => setTimeout(resolve, 5)).then(() => game.close());
    const outcomes = await Promise.all(submits);
    await close;
    const accepted = outcomes.flatMap((o) => ("id" in o ? [o.id] : []));
    const refused = outcomes.flatMap((o) => ("code" in o ? [o.code] : []));
    expect(new Set(refused)).toSatisfy((codes: Set<unknown>) => [...codes].every((c) => c === "question_not_open"));
    const stored = await storedAnswers(game.sessionId);
    expect(stored.map((row) => row.id).sort()).toEqual([...accepted].sort());
    expect(stored.every((row) => row.scored_at !== null)).toBe(true);
  });

  test("the claims of the last answer do not outlive the statement on a shared connection", async () => {
    const game = await openGame(2);
    const single = createDb(t.url, { max: 1 });
    try {
      const batcher = new AnswerBatcher(single);
      const questionId = await game.currentQuestionId();
      await Promise.all(
        game.players.map((player) =>
          batcher.submit(player.user.claims, {
            sessionId: game.sessionId,
            questionId,
            answerId: randomUUID(),
            response: { choices: ["a"] },
          }),
        ),
      );
      const [after] =
        await single`select current_user as role, coalesce(current_setting('request.jwt.claim.sub', true), '') as sub,
                            coalesce(current_setting('request.jwt.claims', true), '') as claims`;
      expect(after).toEqual({ role: "postgres", sub: "", claims: "" });
    } finally {
      await single.end({ timeout: 2 });
    }
  });
});

describe("a database that does not answer", () => {
  test("a batch is given up after its timeout with a retryable error (503 at the edge), not after the driver's 10 s", async () => {
    const silent = createServer(() => {}); // accepts connections, never speaks
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const db = createDb(`postgresql://nobody@127.0.0.1:${(silent.address() as AddressInfo).port}/none`, { max: 1 });
    try {
      const batcher = new AnswerBatcher(db, { timeoutMs: 200 });
      const started = performance.now();
      const user = await t.createUser({ anonymous: true });
      const failure = await batcher
        .submit(user.claims, {
          sessionId: randomUUID(),
          questionId: randomUUID(),
          answerId: randomUUID(),
          response: { choices: ["a"] },
        })
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(performance.now() - started).toBeLessThan(2000);
      expect(failure).toMatchObject({ code: "DB_TIMEOUT" });
      expect(isConnectionLoss(failure)).toBe(true);
      expect(toErrorResponse(failure)).toMatchObject({ status: 503, body: { error: { code: "unavailable" } } });
    } finally {
      await db.end({ timeout: 0 });
      silent.close();
    }
  });
});

describe("only the server may submit on others' behalf", () => {
  test("players, hosts and anon cannot run game.submit_answers (it takes claims as input)", async () => {
    const game = await openGame(2);
    const [me, victim] = game.players;
    const questionId = await game.currentQuestionId();
    const forged = JSON.stringify([
      {
        claims: victim!.user.claims,
        session_id: game.sessionId,
        question_id: questionId,
        answer_id: randomUUID(),
        response: { choices: ["a"] },
      },
    ]);
    for (const caller of [me!.user, game.host, { role: "anon" as const }]) {
      expect(await errorCode(t.as(caller, (tx) => tx`select game.submit_answers(${forged}::text::jsonb)`))).toBe(
        "42501",
      );
      expect(await errorCode(t.as(caller, (tx) => tx`select game.submit_answer_as(${forged}::text::jsonb -> 0)`))).toBe(
        "42501",
      );
      expect(
        await errorCode(
          t.as(
            caller,
            (tx) => tx`select game.try_submit_answer(${game.sessionId}::uuid, ${questionId}::uuid,
                                                                  ${randomUUID()}::uuid, '{"choices":["a"]}'::jsonb)`,
          ),
        ),
      ).toBe("42501");
    }
    expect(await storedAnswers(game.sessionId)).toHaveLength(0);
  });

  test("an item whose claims are not a signed-in user's is refused", async () => {
    const game = await openGame(1);
    const questionId = await game.currentQuestionId();
    const item = (claims: unknown) => ({
      claims,
      session_id: game.sessionId,
      question_id: questionId,
      answer_id: randomUUID(),
      response: { choices: ["a"] },
    });
    const [row] = await t.admin`select game.submit_answers(${JSON.stringify([
      item({ role: "anon" }),
      item(null),
      item({ role: "authenticated" }),
    ])}::text::jsonb) as result`;
    expect((row!.result as { error: string }[]).map((r) => r.error)).toEqual([
      "not_authenticated",
      "not_authenticated",
      "not_authenticated",
    ]);
    expect(await storedAnswers(game.sessionId)).toHaveLength(0);
  });
});

describe("after the database dropped every connection (restart, failover)", () => {
  test.skipIf(!process.env.TEST_DATABASE_URL)(
    "idle pooled connections fail nobody's next request: answers, host steps, snapshots and transactions",
    async () => {
      const game = await openGame(3);
      const name = `drop-${randomUUID().slice(0, 8)}`;
      const url = new URL(t.url);
      url.searchParams.set("application_name", name);
      const pool = createDb(url.toString(), { max: 6 });
      try {
        // Every pooled connection open and idle, then terminated by the server.
        await Promise.all(Array.from({ length: 6 }, () => pool`select pg_sleep(0.02)`));
        const [killed] =
          await t.admin`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = ${name}`;
        expect(killed!.n).toBe(6);
        // At once, as requests arriving during a failover do: before the pool has seen its sockets close.
        const questionId = await game.currentQuestionId();
        const batcher = new AnswerBatcher(pool);
        const acks = await Promise.all(
          game.players.map((player) =>
            batcher.submit(player.user.claims, {
              sessionId: game.sessionId,
              questionId,
              answerId: randomUUID(),
              response: { choices: ["a"] },
            }),
          ),
        );
        expect(acks.map((ack) => ack.status)).toEqual(["accepted", "accepted", "accepted"]);
        const [snapshot, closed, quiz] = await Promise.all([
          getSnapshotAs(pool, game.players[0]!.user.claims, game.sessionId),
          hostStepAs(pool, game.host.claims, game.sessionId, { action: "close" }),
          asCaller(pool, game.host.claims, (tx) => createQuiz(tx, sampleQuiz())),
        ]);
        expect(snapshot.role).toBe("player");
        expect(closed.event?.type).toBe("question_closed");
        expect(quiz).toMatch(/^[0-9a-f-]{36}$/);
      } finally {
        await pool.end({ timeout: 2 });
      }
    },
  );

  test.skipIf(!process.env.TEST_DATABASE_URL)(
    "a pool whose every connection was terminated at once still serves reads sent that instant",
    async () => {
      const game = await openGame(1);
      for (let round = 0; round < 5; round++) {
        const name = `drop-all-${randomUUID().slice(0, 8)}`;
        const url = new URL(t.url);
        url.searchParams.set("application_name", name);
        const pool = createDb(url.toString(), { max: 6 });
        try {
          await Promise.all(Array.from({ length: 6 }, () => pool`select pg_sleep(0.02)`));
          await t.admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${name}`;
          // Each read may be handed one dead connection after another: it is retried until it meets a live one.
          const snapshots = await Promise.all(
            Array.from({ length: 6 }, () => getSnapshotAs(pool, game.players[0]!.user.claims, game.sessionId)),
          );
          expect(snapshots.map((snapshot) => snapshot.role)).toEqual(Array(6).fill("player"));
        } finally {
          await pool.end({ timeout: 2 });
        }
      }
    },
  );
});
