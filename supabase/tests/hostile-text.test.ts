import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createQuiz, joinSession } from "@/lib/db";
import { errorCode, startTestDb, type TestDb } from "./harness";
import { sampleQuiz, setupGame } from "./fixtures";

/**
 * Text Postgres cannot store (U+0000, found by the API fuzz suite) is the caller's invalid input: a
 * GameError invalid_input (400 at the edge), never a driver error that the edge would answer with a 500,
 * and the transaction leaves nothing behind.
 */
let t: TestDb;
beforeAll(async () => {
  t = await startTestDb();
});
afterAll(async () => {
  await t?.stop();
});

describe("NUL characters", () => {
  test("in a nickname (a text parameter): invalid_input, no participant", async () => {
    const game = await setupGame(t);
    const player = await t.createUser({ anonymous: true });
    expect(await errorCode(t.as(player, (tx) => joinSession(tx, { pin: game.pin, nickname: "nick\u0000name" })))).toBe(
      "invalid_input",
    );
    const rows = await t.admin`select 1 from public.participants where user_id = ${player.id}`;
    expect(rows).toHaveLength(0);
  });

  test("in quiz text (inside jsonb): invalid_input, no quiz", async () => {
    const host = await t.createUser();
    const quiz = sampleQuiz({ title: "Title\u0000with NUL" });
    expect(await errorCode(t.as(host, (tx) => createQuiz(tx, quiz)))).toBe("invalid_input");
    const rows = await t.admin`select 1 from public.quizzes where host_id = ${host.id}`;
    expect(rows).toHaveLength(0);
  });
});
