import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { advanceSession, closeQuestion, getSnapshot } from "@/lib/db";
import { gameEventSchema, type GameEvent } from "@/lib/game/events";
import { errorCode, startTestDb, type TestDb } from "./harness";
import { setupGame } from "./fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await startTestDb();
});
afterAll(async () => {
  await t?.stop();
});

const sessionSeq = async (sessionId: string) =>
  Number((await t.admin`select seq from public.sessions where id = ${sessionId}`)[0]!.seq);

describe("the state machine", () => {
  test("a whole game: every step returns a valid event with the next seq", async () => {
    const game = await setupGame(t, { players: 2 });
    const events: GameEvent[] = [];
    const record = (event: unknown) => {
      const parsed = gameEventSchema.parse(event);
      events.push(parsed);
      return parsed;
    };
    expect(record(await game.step("start"))).toMatchObject({ type: "question_shown", state: "question" });
    for (let index = 0; index < 5; index++) {
      if (index > 0) record(await game.step("next"));
      const opened = record(await game.step("open"));
      expect(opened).toMatchObject({ type: "question_opened", state: "answering", question_index: index });
      const closed = record((await game.close()).event);
      expect(closed).toMatchObject({ type: "question_closed", state: "locked", answer_count: 0, player_count: 2 });
      record(await game.step("reveal"));
      if (index % 2 === 0) record(await game.step("leaderboard"));
    }
    expect(await errorCode(game.step("next"))).toBe("no_more_questions");
    expect(record(await game.step("finish"))).toMatchObject({ type: "session_finished", state: "finished" });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(await sessionSeq(game.sessionId)).toBe(events.length);
    // Finishing again changes nothing.
    expect(await game.step("finish")).toBeNull();
  });

  test("steps out of order fail with invalid_state and change nothing", async () => {
    const game = await setupGame(t);
    expect(await errorCode(game.step("open"))).toBe("invalid_state");
    expect(await errorCode(game.step("reveal"))).toBe("invalid_state");
    expect(await errorCode(game.close())).toBe("invalid_state");
    await game.step("start");
    expect(await errorCode(game.step("start"))).toBe("invalid_state");
    expect(await errorCode(game.step("reveal"))).toBe("invalid_state");
    expect(await errorCode(game.step("pause"))).toBe("invalid_state");
    await game.step("open");
    expect(await errorCode(game.step("finish"))).toBe("invalid_state");
    expect(await errorCode(game.step("next"))).toBe("invalid_state");
    expect(await errorCode(game.step("resume"))).toBe("invalid_state");
    expect(await sessionSeq(game.sessionId)).toBe(2);
  });

  test("next from a shown question skips it", async () => {
    const game = await setupGame(t);
    await game.step("start");
    const event = await game.step("next");
    expect(event).toMatchObject({ type: "question_shown", question: { index: 1, kind: "multi" } });
  });

  test("host A cannot drive, close, kick in or read host B's session", async () => {
    const gameB = await setupGame(t, { players: 1 });
    const hostA = await t.createUser();
    for (const action of ["start", "open", "pause", "reveal", "finish"] as const) {
      expect(await errorCode(t.as(hostA, (tx) => advanceSession(tx, gameB.sessionId, action)))).toBe("not_host");
    }
    await gameB.step("start");
    await gameB.step("open");
    expect(await errorCode(t.as(hostA, (tx) => closeQuestion(tx, gameB.sessionId)))).toBe("not_participant");
    expect(await errorCode(t.as(hostA, (tx) => getSnapshot(tx, gameB.sessionId)))).toBe("not_participant");
    expect(await errorCode(t.as(hostA, (tx) => getSnapshot(tx, gameB.sessionId, "host")))).toBe("not_host");
    const rows = await t.as(hostA, (tx) => tx`select * from public.sessions where id = ${gameB.sessionId}`);
    expect(rows).toHaveLength(0);
  });

  test("players cannot drive the game", async () => {
    const game = await setupGame(t, { players: 1 });
    const player = game.players[0]!;
    expect(await errorCode(t.as(player.user, (tx) => advanceSession(tx, game.sessionId, "start")))).toBe("not_host");
  });

  test("an unauthenticated caller is refused", async () => {
    const game = await setupGame(t);
    expect(await errorCode(t.as({ role: "anon" }, (tx) => advanceSession(tx, game.sessionId, "start")))).not.toBe(
      "resolved",
    );
    expect(await errorCode(t.as({ role: "authenticated" }, (tx) => advanceSession(tx, game.sessionId, "start")))).toBe(
      "not_authenticated",
    );
  });
});

describe("closing", () => {
  test("before the deadline only the host closes; after deadline + grace any player may; it is idempotent", async () => {
    const game = await setupGame(t, { players: 2 });
    const [p1, p2] = game.players;
    await game.step("start");
    await game.step("open");
    expect(await errorCode(game.close(p1!.user))).toBe("too_early");
    await game.elapse(20_000 + 500); // past the deadline, inside the grace
    expect(await errorCode(game.close(p1!.user))).toBe("too_early");
    await game.elapse(600); // past deadline + 1000 ms
    const outsider = await t.createUser({ anonymous: true });
    expect(await errorCode(game.close(outsider))).toBe("not_participant");
    const [first, second] = await Promise.all([game.close(p1!.user), game.close(p2!.user)]);
    const events = [first.event, second.event].filter((e) => e !== null);
    expect(events).toHaveLength(1);
    expect([first.already_closed, second.already_closed].sort()).toEqual([false, true]);
    expect(await game.close()).toEqual({ event: null, already_closed: true });
    await game.step("reveal");
    expect(await game.close(p2!.user)).toEqual({ event: null, already_closed: true });
  });

  test("a kicked player cannot close", async () => {
    const game = await setupGame(t, { players: 1 });
    await game.step("start");
    await game.step("open");
    await game.elapse(25_000);
    await t.as(
      game.host,
      (tx) => tx`select game.kick_participant(${game.sessionId}::uuid, ${game.players[0]!.participantId}::uuid)`,
    );
    expect(await errorCode(game.close(game.players[0]!.user))).toBe("kicked");
  });
});

describe("pause and resume", () => {
  test("a pause freezes the remaining time exactly, in milliseconds of database time", async () => {
    const game = await setupGame(t);
    await game.step("start");
    await game.step("open");
    const paused = await game.step("pause");
    if (paused?.type !== "question_paused") throw new Error("expected question_paused");
    const [before] = await t.admin`select deadline_at, paused_at, remaining_ms,
      floor(extract(epoch from (deadline_at - paused_at)) * 1000)::int as frozen from public.sessions where id = ${game.sessionId}`;
    expect(paused.remaining_ms).toBe(before!.frozen);
    expect(before!.remaining_ms).toBe(before!.frozen);
    expect(paused.remaining_ms).toBeGreaterThan(19_000);
    expect(await errorCode(game.step("pause"))).toBe("invalid_state");
    await new Promise((resolve) => setTimeout(resolve, 350));
    const resumed = await game.step("resume");
    if (resumed?.type !== "question_resumed") throw new Error("expected question_resumed");
    const [after] = await t.admin`select
      (extract(epoch from (deadline_at - ${resumed.server_now}::text::timestamptz)) * 1000)::numeric as remaining_exact,
      (extract(epoch from (deadline_at - timer_origin_at)) * 1000)::numeric as limit_exact,
      paused_at from public.sessions where id = ${game.sessionId}`;
    // deadline = resume time + the frozen remaining time, to the microsecond; the timer still spans 20 s.
    expect(Number(after!.remaining_exact)).toBe(paused.remaining_ms);
    expect(resumed.remaining_ms).toBe(paused.remaining_ms);
    expect(Number(after!.limit_exact)).toBe(20_000);
    expect(after!.paused_at).toBeNull();
    // The pause (≥ 350 ms) is not counted in an answer's time.
    const answered = await game.answer(await addPlayer(game), { choices: ["a"] });
    expect(answered.answer.elapsed_ms).toBeLessThan(20_000 - paused.remaining_ms + 300);
  });

  test("answers are refused while paused (after the grace) and the host only can pause", async () => {
    const game = await setupGame(t, { players: 1 });
    await game.step("start");
    await game.step("open");
    expect(await errorCode(t.as(game.players[0]!.user, (tx) => advanceSession(tx, game.sessionId, "pause")))).toBe(
      "not_host",
    );
    await game.step("pause");
    await t.admin`update public.sessions set paused_at = paused_at - interval '1001 milliseconds' where id = ${game.sessionId}`;
    expect(await errorCode(game.answer(game.players[0]!, { choices: ["a"] }))).toBe("question_paused");
    await game.step("resume");
    expect((await game.answer(game.players[0]!, { choices: ["a"] })).status).toBe("accepted");
  });
});

async function addPlayer(game: Awaited<ReturnType<typeof setupGame>>) {
  // Joined before the question opened (a late joiner would be refused): insert through join, then backdate.
  const user = await t.createUser({ anonymous: true });
  const { joinSession } = await import("@/lib/db");
  const joined = await t.as(user, (tx) => joinSession(tx, { pin: game.pin, nickname: `Late ${user.id.slice(0, 6)}` }));
  await t.admin`update public.participants set joined_at = joined_at - interval '1 hour' where id = ${joined.participant.id}`;
  return { user, participantId: joined.participant.id, nickname: joined.participant.nickname };
}

describe("audiences: players' events are counted by player_seq, stage events go to host and screens only", () => {
  test("question_shown and leaderboard_shown are stage events, the reveal is personal; all but stage advance player_seq by one", async () => {
    const game = await setupGame(t, { players: 1 });
    const events = [
      await game.step("start"),
      await game.step("open"),
      (await game.close()).event,
      await game.step("reveal"),
      await game.step("leaderboard"),
      await game.step("next"),
      await game.step("open"),
    ];
    expect(events.map((e) => [e?.type, e?.audience, e?.seq, e?.player_seq])).toEqual([
      ["question_shown", "stage", 1, 0],
      ["question_opened", "everyone", 2, 1],
      ["question_closed", "everyone", 3, 2],
      ["question_revealed", "personal", 4, 3],
      ["leaderboard_shown", "stage", 5, 3],
      ["question_shown", "stage", 6, 3],
      ["question_opened", "everyone", 7, 4],
    ]);
    const opened = events[6];
    expect(opened?.type === "question_opened" && opened.question.index).toBe(1);
    const [session] = await t.admin`select seq, player_seq from public.sessions where id = ${game.sessionId}`;
    expect({ seq: Number(session!.seq), player_seq: Number(session!.player_seq) }).toEqual({ seq: 7, player_seq: 4 });
  });
});
