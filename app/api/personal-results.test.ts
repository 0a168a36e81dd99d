import { randomUUID } from "node:crypto";
import { createClient, REALTIME_SUBSCRIBE_STATES, type SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import type { GameEvent } from "@/lib/game/events";
import { GAME_EVENT, playerTopic, sessionTopic, stageTopic } from "@/lib/realtime/topics";
import { sampleQuiz, SECRET_OPTION } from "@/supabase/tests/fixtures";
import { dropTestDatabase, startTestStack, type TestStack } from "@/stack/test/harness";
import { closeAppDb, jsonRequest, pagesRoute, params, signIn, useAppEnv } from "./test-support/app-env";

/**
 * Each phone gets its own result with the reveal and the end, on its own private topic, through the real
 * route handlers, the test stack's Realtime and the official client: no phone fetches it, no phone can hear
 * another's, and the host and screens get the public copy.
 */
let stack: TestStack;
const clients: SupabaseClient[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  await useAppEnv({ ...stack.clientEnv });
});

afterAll(async () => {
  for (const client of clients) await client.removeAllChannels();
  await closeAppDb();
  await stack?.stop();
  if (stack) await dropTestDatabase(stack);
});

const route = {
  quizzes: () => import("./quizzes/route"),
  sessions: () => import("./sessions/route"),
  join: async () => ({ POST: pagesRoute((await import("@/pages/api/sessions/join")).default) }),
  actions: () => import("./sessions/[sessionId]/actions/route"),
  answers: async () => ({ POST: pagesRoute((await import("@/pages/api/sessions/[sessionId]/answers")).default) }),
};

async function call<T>(response: Promise<Response>): Promise<T> {
  const res = await response;
  const body = (await res.json()) as T;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

/** A client listening on private topics as the app does, collecting game events by topic. */
async function listen(token: string, topics: string[]) {
  const client = createClient(stack.apiUrl, stack.keys.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });
  clients.push(client);
  await client.realtime.setAuth(token);
  const received: { topic: string; event: GameEvent }[] = [];
  const states = await Promise.all(
    topics.map(
      (topic) =>
        new Promise<string>((resolve) => {
          client
            .channel(topic, { config: { private: true } })
            .on("broadcast", { event: GAME_EVENT }, ({ payload }) =>
              received.push({ topic, event: payload as GameEvent }),
            )
            .subscribe((state) => {
              if (state !== REALTIME_SUBSCRIBE_STATES.CLOSED) resolve(state);
            });
        }),
    ),
  );
  return { received, states };
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(check(), what).toBe(true);
}

describe("personal results over Realtime", () => {
  test("the reveal reaches each phone once, with its own result; the end too; the host gets the public copy", async () => {
    const host = await signIn(stack, "host");
    const { quizId } = await call<{ quizId: string }>(
      route
        .quizzes()
        .then(({ POST }) => POST(jsonRequest("http://app.test/api/quizzes", sampleQuiz(), host.token), params({}))),
    );
    const { session } = await call<{ session: { id: string; pin: string } }>(
      route
        .sessions()
        .then(({ POST }) => POST(jsonRequest("http://app.test/api/sessions", { quizId }, host.token), params({}))),
    );
    const act = (action: string) =>
      call<{ event: GameEvent; delivered: boolean }>(
        route
          .actions()
          .then(({ POST }) =>
            POST(
              jsonRequest(`http://app.test/api/sessions/${session.id}/actions`, { action }, host.token),
              params({ sessionId: session.id }),
            ),
          ),
      );

    type Phone = Awaited<ReturnType<typeof listen>>;
    const players: { nickname: string; token: string; userId: string; phone: Phone }[] = [];
    for (const nickname of ["Ada", "Bo"]) {
      const { token, userId } = await signIn(stack, "player");
      const joined = await call<{ participant: { id: string } }>(
        route
          .join()
          .then(({ POST }) =>
            POST(jsonRequest("http://app.test/api/sessions/join", { pin: session.pin, nickname }, token), params({})),
          ),
      );
      expect(joined.participant.id).toBeTruthy();
      const phone = await listen(token, [sessionTopic(session.id), playerTopic(session.id, userId)]);
      expect(phone.states).toEqual(["SUBSCRIBED", "SUBSCRIBED"]);
      players.push({ nickname, token, userId, phone });
    }
    const [ada, bo] = players as [(typeof players)[0], (typeof players)[0]];
    // A phone cannot listen on another phone's topic.
    const snoop = await listen(bo.token, [playerTopic(session.id, ada.userId)]);
    expect(snoop.states).toEqual(["CHANNEL_ERROR"]);
    const console = await listen(host.token, [sessionTopic(session.id), stageTopic(session.id)]);

    await act("start");
    const opened = (await act("open")).event;
    if (opened.type !== "question_opened") throw new Error(opened.type);
    await call(
      route
        .answers()
        .then(({ POST }) =>
          POST(
            jsonRequest(
              `http://app.test/api/sessions/${session.id}/answers`,
              { answerId: randomUUID(), questionId: opened.question_id, response: { choices: [SECRET_OPTION] } },
              ada.token,
            ),
            params({ sessionId: session.id }),
          ),
        ),
    );
    await act("close");
    const reveal = await act("reveal");
    expect(reveal.delivered).toBe(true);
    // The console's response is the public event: nobody's result in it.
    expect(Object.keys(reveal).sort()).toEqual(["delivered", "event"]);
    expect(reveal.event).not.toHaveProperty("me");

    const revealsOf = (phone: Phone) => phone.received.filter((r) => r.event.type === "question_revealed");
    await until(() => players.every((p) => revealsOf(p.phone).length === 1), "every phone hears the reveal");
    await until(() => revealsOf(console).length === 1, "the console hears the reveal");
    for (const player of players) {
      const [copy] = revealsOf(player.phone);
      expect(copy!.topic).toBe(playerTopic(session.id, player.userId));
    }
    expect(revealsOf(ada.phone)[0]!.event).toMatchObject({
      me: { rank: 1, correct_count: 1, streak: 1 },
      my_answer: { is_correct: true, response: { choices: [SECRET_OPTION] } },
    });
    expect(revealsOf(bo.phone)[0]!.event).toMatchObject({ me: { score: 0, rank: 2 }, my_answer: null });
    const adaScore = (revealsOf(ada.phone)[0]!.event as { me: { score: number } }).me.score;
    expect(adaScore).toBeGreaterThan(0);
    expect(revealsOf(console)[0]).toMatchObject({ topic: stageTopic(session.id) });
    expect(revealsOf(console)[0]!.event).not.toHaveProperty("me");
    expect(snoop.received).toEqual([]);

    await act("finish");
    await until(
      () => players.every((p) => p.phone.received.some((r) => r.event.type === "session_finished")),
      "the end",
    );
    const final = ada.phone.received.find((r) => r.event.type === "session_finished")!;
    expect(final.topic).toBe(playerTopic(session.id, ada.userId));
    expect(final.event).toMatchObject({ me: { score: adaScore, rank: 1 } });
    // Per phone: opened and closed on the session topic, the reveal and the end on its own.
    for (const player of players)
      expect(player.phone.received.map((r) => r.event.type)).toEqual([
        "question_opened",
        "question_closed",
        "question_revealed",
        "session_finished",
      ]);
  });
});
