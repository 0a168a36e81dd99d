import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { advanceSession, joinSession, submitAnswer } from "@/lib/db";
import { createQuiz } from "@/lib/server/create-quiz";
import { getSessionReport } from "@/lib/server/get-session-report";
import { startSession } from "@/lib/server/start-session";
import { errorCode, startTestDb, type TestDb, type TestUser } from "./harness";
import { sampleQuiz } from "./fixtures";

/**
 * The host API's use-cases (POST /api/quizzes, POST /api/sessions, GET /api/sessions/<id>/report; the route
 * handlers only parse and call these): hosts only, their own quizzes and sessions only, bad quizzes named.
 */

let t: TestDb;
let hostA: TestUser;
let hostB: TestUser;
let player: TestUser;
beforeAll(async () => {
  t = await startTestDb();
  // The use-cases read the app's environment and pool: point both at this test database.
  Object.assign(process.env, {
    NEXT_PUBLIC_SUPABASE_URL: "http://127.0.0.1:9",
    NEXT_PUBLIC_SUPABASE_ANON_KEY: "test-anon-key-not-used-here",
    SUPABASE_SERVICE_ROLE_KEY: "test-service-key-not-used-here",
    DATABASE_URL: t.url,
  });
  delete process.env.UPSTASH_REDIS_REST_URL;
  (globalThis as { __pubquizDb?: unknown }).__pubquizDb = t.db;
  hostA = await t.createUser();
  hostB = await t.createUser();
  player = await t.createUser({ anonymous: true });
});
afterAll(async () => {
  await t?.stop();
});

describe("create a quiz", () => {
  test("a host creates a quiz from the editor's JSON and owns it", async () => {
    const { quizId } = await createQuiz(hostA.claims, sampleQuiz());
    const rows = await t.as(
      hostA,
      (tx) => tx`select count(*)::int as n from public.questions where quiz_id = ${quizId}`,
    );
    expect(rows[0]!.n).toBe(sampleQuiz().questions.length);
  });

  test("an anonymous player is refused before any query", async () => {
    expect(await errorCode(createQuiz(player.claims, sampleQuiz()))).toBe("forbidden");
    expect(await errorCode(createQuiz({ role: "anon" }, sampleQuiz()))).toBe("forbidden");
  });

  test("a wrong key is refused naming the field, and nothing is written", async () => {
    const quiz = sampleQuiz({ title: "Broken" });
    quiz.questions = [{ ...quiz.questions[0]!, key: { correct_option_ids: ["nope"] } }];
    const error = await createQuiz(hostB.claims, quiz).catch((e: unknown) => e as { code: string; message: string });
    expect(error).toMatchObject({ code: "quiz_invalid", message: expect.stringContaining("questions.0") });
    const rows = await t.admin`select count(*)::int as n from public.quizzes where title = 'Broken'`;
    expect(rows[0]!.n).toBe(0);
  });
});

describe("start a session and read its report", () => {
  test("only the quiz's owner starts a session; the report is the host's alone and counts stored answers", async () => {
    const { quizId } = await createQuiz(hostA.claims, sampleQuiz());
    expect(await errorCode(startSession(hostB.claims, { quizId }))).toBe("quiz_not_found");
    expect(await errorCode(startSession(player.claims, { quizId }))).toBe("forbidden");

    const { session } = await startSession(hostA.claims, { quizId });
    expect(session).toMatchObject({ quiz_id: quizId, state: "lobby", pin: expect.stringMatching(/^\d{6}$/) });

    await t.as(player, (tx) => joinSession(tx, { pin: session.pin, nickname: "Reporter" }));
    await t.as(hostA, (tx) => advanceSession(tx, session.id, "start"));
    const opened = await t.as(hostA, (tx) => advanceSession(tx, session.id, "open"));
    const questionId = opened.event?.type === "question_opened" ? opened.event.question_id : "";
    await t.as(player, (tx) =>
      submitAnswer(tx, {
        sessionId: session.id,
        questionId,
        answerId: crypto.randomUUID(),
        response: { choices: ["a"] },
      }),
    );

    const result = await getSessionReport(hostA.claims, session.id);
    expect(result?.report.players.map((p) => [p.nickname, p.answers.map((a) => a.question_id)])).toEqual([
      ["Reporter", [questionId]],
    ]);
    expect(await getSessionReport(hostB.claims, session.id)).toBeNull();
    expect(await getSessionReport(player.claims, session.id)).toBeNull();
  });
});
