import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createDb, joinSession, submitAnswer, submitAnswerAs } from "@/lib/db";
import { errorCode, startTestDb, type TestDb } from "./harness";
import { SECRET_OPTION, setupGame, type Game } from "./fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await startTestDb({ poolSize: 40 });
});
afterAll(async () => {
  await t?.stop();
});

async function openGame(players: number): Promise<Game> {
  const game = await setupGame(t, { players });
  await game.step("start");
  await game.step("open");
  return game;
}

const storedAnswers = (sessionId: string) =>
  t.admin`select * from public.answers where session_id = ${sessionId} order by received_at`;

describe("submitting", () => {
  test("an accepted answer is stored with the database's receive time and canonical response", async () => {
    const game = await openGame(1);
    const before = (await t.admin`select clock_timestamp() as now`)[0]!.now as Date;
    const ack = await game.answer(game.players[0]!, { choices: [SECRET_OPTION] });
    expect(ack.status).toBe("accepted");
    const [row] = await storedAnswers(game.sessionId);
    expect(row!.id).toBe(ack.answer.id);
    expect(row!.participant_id).toBe(game.players[0]!.participantId);
    expect(row!.response).toEqual({ choices: [SECRET_OPTION] });
    expect((row!.received_at as Date).getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(row!.is_correct).toBeNull(); // scored at close, not here
  });

  test("a player cannot answer for another participant: no such parameter, and no table writes", async () => {
    const game = await openGame(2);
    const [p1, p2] = game.players;
    const questionId = await game.currentQuestionId();
    const forged = t.as(
      p1!.user,
      (tx) =>
        tx`insert into public.answers (id, session_id, question_id, participant_id, response, received_at, elapsed_ms)
         values (${randomUUID()}, ${game.sessionId}, ${questionId}, ${p2!.participantId}, '{"choices":["a"]}', now(), 0)`,
    );
    expect(await errorCode(forged)).toBe("42501");
    await game.answer(p2!, { choices: ["a"] });
    const tamper = t.as(p1!.user, (tx) => tx`update public.answers set points = 5000 returning id`);
    expect(await errorCode(tamper)).toBe("42501");
    const tamperOwn = t.as(p2!.user, (tx) => tx`update public.answers set response = '{"choices":["b"]}' returning id`);
    expect(await errorCode(tamperOwn)).toBe("42501");
    const stored = await storedAnswers(game.sessionId);
    expect(stored.map((row) => row.participant_id)).toEqual([p2!.participantId]);
  });

  test("a second answer to the same question is refused; the first stands", async () => {
    const game = await openGame(1);
    const player = game.players[0]!;
    const first = await game.answer(player, { choices: ["a"] });
    expect(await errorCode(game.answer(player, { choices: [SECRET_OPTION] }))).toBe("already_answered");
    const stored = await storedAnswers(game.sessionId);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).toBe(first.answer.id);
    expect(stored[0]!.response).toEqual({ choices: ["a"] });
  });

  test("a retry with the same answer id returns the first result and changes nothing, even after close", async () => {
    const game = await openGame(2);
    const [p1, p2] = game.players;
    const answerId = randomUUID();
    const first = await game.answer(p1!, { choices: ["a"] }, answerId);
    const retry = await game.answer(p1!, { choices: [SECRET_OPTION] }, answerId);
    expect(retry).toEqual({ ...first, status: "duplicate" });
    await game.close();
    const late = await game.answer(p1!, { choices: [SECRET_OPTION] }, answerId);
    expect(late).toEqual({ ...first, status: "duplicate" });
    expect(await errorCode(game.answer(p2!, { choices: ["a"] }, answerId))).toBe("answer_id_conflict");
    const stored = await storedAnswers(game.sessionId);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.response).toEqual({ choices: ["a"] });
  });

  test("before the question opens, answers are refused", async () => {
    const game = await setupGame(t, { players: 1 });
    const player = game.players[0]!;
    const lobby = t.as(player.user, (tx) =>
      submitAnswer(tx, {
        sessionId: game.sessionId,
        questionId: randomUUID(),
        answerId: randomUUID(),
        response: { choices: ["a"] },
      }),
    );
    expect(await errorCode(lobby)).toBe("question_not_open");
    await game.step("start");
    expect(await errorCode(game.answer(player, { choices: ["a"] }))).toBe("question_not_open");
    await game.step("open");
    // The next question's id while this one is open.
    const [next] = await t.admin`select question_ids[2] as id from public.sessions where id = ${game.sessionId}`;
    const early = t.as(player.user, (tx) =>
      submitAnswer(tx, {
        sessionId: game.sessionId,
        questionId: next!.id,
        answerId: randomUUID(),
        response: { choices: ["a"] },
      }),
    );
    expect(await errorCode(early)).toBe("question_not_open");
  });

  test("within the 1000 ms grace after the deadline an answer counts (half points); after it, too_late", async () => {
    const game = await openGame(2);
    const [p1, p2] = game.players;
    await game.elapse(20_000 + 900);
    const inGrace = await game.answer(p1!, { choices: [SECRET_OPTION] });
    expect(inGrace.status).toBe("accepted");
    expect(inGrace.answer.elapsed_ms).toBeGreaterThanOrEqual(20_900);
    await game.elapse(200); // now > deadline + 1000 ms
    expect(await errorCode(game.answer(p2!, { choices: [SECRET_OPTION] }))).toBe("too_late");
    await game.close();
    const [row] = await storedAnswers(game.sessionId);
    expect(row!.points).toBe(500);
    expect(await storedAnswers(game.sessionId)).toHaveLength(1);
  });

  test("after the close, answers are refused", async () => {
    const game = await openGame(1);
    await game.close();
    expect(await errorCode(game.answer(game.players[0]!, { choices: ["a"] }))).toBe("question_not_open");
  });

  test("session isolation: a player of A cannot answer in B", async () => {
    const gameA = await openGame(1);
    const gameB = await openGame(1);
    const questionB = await gameB.currentQuestionId();
    const cross = t.as(gameA.players[0]!.user, (tx) =>
      submitAnswer(tx, {
        sessionId: gameB.sessionId,
        questionId: questionB,
        answerId: randomUUID(),
        response: { choices: ["a"] },
      }),
    );
    expect(await errorCode(cross)).toBe("not_participant");
    expect(await storedAnswers(gameB.sessionId)).toHaveLength(0);
  });

  test("kicked players and late joiners cannot answer the open question", async () => {
    const game = await openGame(1);
    await t.as(
      game.host,
      (tx) => tx`select game.kick_participant(${game.sessionId}::uuid, ${game.players[0]!.participantId}::uuid)`,
    );
    expect(await errorCode(game.answer(game.players[0]!, { choices: ["a"] }))).toBe("kicked");
    const late = await t.createUser({ anonymous: true });
    const joined = await t.as(late, (tx) => joinSession(tx, { pin: game.pin, nickname: "Latecomer" }));
    expect(
      await errorCode(
        game.answer({ user: late, participantId: joined.participant.id, nickname: "Latecomer" }, { choices: ["a"] }),
      ),
    ).toBe("joined_late");
  });

  test.each([
    [{ choices: ["nope"] }],
    [{ choices: ["a", "c"] }],
    [{ choices: [] }],
    [{ text: "Alpha" }],
    [{ value: 3 }],
    [{ choices: ["a", "a"] }],
  ])("an invalid response %j is refused with invalid_response", async (response) => {
    const game = await openGame(1);
    expect(await errorCode(game.answer(game.players[0]!, response as never))).toBe("invalid_response");
  });
});

describe("under load", () => {
  test("200 concurrent answers (and their concurrent retries) are all counted exactly once", async () => {
    const game = await openGame(200);
    const questionId = await game.currentQuestionId();
    const calls = game.players.flatMap((player, index) => {
      const answerId = randomUUID();
      const input = {
        sessionId: game.sessionId,
        questionId,
        answerId,
        response: { choices: [index % 3 === 0 ? SECRET_OPTION : "a"] },
      };
      const submit = () => t.as(player.user, (tx) => submitAnswer(tx, input));
      return [submit(), submit()];
    });
    const acks = await Promise.all(calls);
    expect(acks.filter((ack) => ack.status === "accepted")).toHaveLength(200);
    expect(acks.filter((ack) => ack.status === "duplicate")).toHaveLength(200);
    const [count] = await t.admin`select count(*)::int as n, count(distinct participant_id)::int as players
      from public.answers where question_id = ${questionId}`;
    expect(count).toEqual({ n: 200, players: 200 });
    const closed = await game.close();
    expect(closed.event).toMatchObject({ answer_count: 200, player_count: 200 });
    const [scored] =
      await t.admin`select count(*)::int as n from public.answers where question_id = ${questionId} and scored_at is not null`;
    expect(scored!.n).toBe(200);
  });

  test("answers racing a close are either refused or scored: an acknowledged answer is never left unscored", async () => {
    const game = await openGame(60);
    const questionId = await game.currentQuestionId();
    const submits = game.players.map((player) =>
      t
        .as(player.user, (tx) =>
          submitAnswer(tx, {
            sessionId: game.sessionId,
            questionId,
            answerId: randomUUID(),
            response: { choices: ["a"] },
          }),
        )
        .then(
          (ack) => ack.answer.id,
          (error: { code?: string }) => error.code ?? "error",
        ),
    );
    const close = new Promise((resolve) => setTimeout(resolve, 5)).then(() => game.close());
    const outcomes = await Promise.all([...submits, close]);
    const accepted = outcomes.slice(0, -1).filter((o): o is string => typeof o === "string" && o.length === 36);
    const refused = outcomes.slice(0, -1).filter((o) => typeof o === "string" && o.length !== 36);
    expect(new Set(refused)).toSatisfy((codes: Set<unknown>) => [...codes].every((c) => c === "question_not_open"));
    const rows = await t.admin`select id, scored_at from public.answers where question_id = ${questionId}`;
    expect(rows.map((r) => r.id).sort()).toEqual([...accepted].sort());
    expect(rows.every((r) => r.scored_at !== null)).toBe(true);
  });
});

describe("the one-round-trip answer path (submitAnswerAs)", () => {
  test("answers as the caller, and the claims do not outlive the statement on a shared connection", async () => {
    const game = await openGame(2);
    const [p1, p2] = game.players;
    const questionId = await game.currentQuestionId();
    const single = createDb(t.url, { max: 1 });
    try {
      const ack = await submitAnswerAs(single, p1!.user.claims, {
        sessionId: game.sessionId,
        questionId,
        answerId: randomUUID(),
        response: { choices: ["a"] },
      });
      expect(ack.status).toBe("accepted");
      const [after] =
        await single`select current_user as role, coalesce(current_setting('request.jwt.claim.sub', true), '') as sub`;
      expect(after).toEqual({ role: "postgres", sub: "" });
      expect(
        await errorCode(
          submitAnswerAs(single, p1!.user.claims, {
            sessionId: game.sessionId,
            questionId,
            answerId: randomUUID(),
            response: { choices: [SECRET_OPTION] },
          }),
        ),
      ).toBe("already_answered");
      const second = await submitAnswerAs(single, p2!.user.claims, {
        sessionId: game.sessionId,
        questionId,
        answerId: randomUUID(),
        response: { choices: [SECRET_OPTION] },
      });
      expect(second.status).toBe("accepted");
    } finally {
      await single.end({ timeout: 2 });
    }
    const stored = await storedAnswers(game.sessionId);
    expect(stored.map((row) => row.participant_id).sort()).toEqual([p1!.participantId, p2!.participantId].sort());
  });

  test("a caller who is not in the session is refused, and nothing is written", async () => {
    const game = await openGame(1);
    const stranger = await t.createUser({ anonymous: true });
    const questionId = await game.currentQuestionId();
    const attempt = submitAnswerAs(t.db, stranger.claims, {
      sessionId: game.sessionId,
      questionId,
      answerId: randomUUID(),
      response: { choices: ["a"] },
    });
    expect(await errorCode(attempt)).toBe("not_participant");
    expect(await storedAnswers(game.sessionId)).toHaveLength(0);
  });
});
