import { expect, test } from "@playwright/test";
import type { RealtimeChannel } from "@supabase/supabase-js";
import { randomUUID } from "node:crypto";
import { E2E_API_URL } from "../support/live-game";
import {
  anonymousUser,
  call,
  createGame,
  db,
  percentile,
  recordFigures,
  type Game,
  type Reply,
  type User,
} from "./support";

/**
 * Abuse: one client joining 1,000 times, PIN guessing, answer floods, a player broadcasting on (or listening
 * to) a session channel; and a legitimate game on the same server, whose answer acknowledgements are timed
 * with and without the flood running.
 */
const tally = (replies: Reply[]) => {
  const counts: Record<number, number> = {};
  for (const r of replies) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
};
const figures: Record<string, unknown> = {};
test.afterAll(() => recordFigures("abuse", figures));

async function act(baseURL: string, game: Game, action: string) {
  const reply = await call(baseURL, "POST", `/api/sessions/${game.sessionId}/actions`, {
    token: game.host.token,
    body: { action },
  });
  expect(reply.status, `${action}: ${JSON.stringify(reply.body)}`).toBe(200);
}

test("one client joining 1,000 times is limited with 429s and stays one participant", async ({ baseURL }) => {
  const game = await createGame();
  const mallory = await anonymousUser();
  const replies: Reply[] = [];
  for (let i = 0; i < 1000; i += 10) {
    replies.push(
      ...(await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          call(baseURL!, "POST", "/api/sessions/join", {
            token: mallory.token,
            body: { pin: game.pin, nickname: `Mallory${(i + j) % 3}` },
            address: "198.51.100.10",
          }),
        ),
      )),
    );
  }
  const counts = tally(replies);
  figures.joinFlood = { requests: replies.length, statuses: counts };
  expect(Object.keys(counts).every((s) => Number(s) < 500)).toBe(true);
  // 20 joins per identity per fixed 60 s window; the flood may straddle one window boundary.
  expect(counts[200]).toBeLessThanOrEqual(40);
  expect(counts[429]).toBeGreaterThanOrEqual(960);
  const limited = replies.find((r) => r.status === 429)!;
  expect(limited.body).toMatchObject({ error: { code: "rate_limited" } });
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  const n = (
    await db<{ n: number }[]>`select count(*)::int as n from public.participants where session_id = ${game.sessionId}`
  )[0]!.n;
  expect(n).toBe(1);
});

test("guessing PINs: 30 wrong guesses per address, then even the right PIN is refused", async ({ baseURL }) => {
  const game = await createGame();
  const guesser = await anonymousUser();
  const address = "198.51.100.20";
  const wrongPins = Array.from({ length: 60 }, (_, i) =>
    String((Number(game.pin) + 1 + i * 7919) % 1_000_000).padStart(6, "0"),
  );
  const replies: Reply[] = [];
  for (const [i, pin] of wrongPins.entries()) {
    const route = i % 3;
    replies.push(
      route === 0
        ? await call(baseURL!, "POST", "/api/sessions/join", {
            token: guesser.token,
            body: { pin, nickname: "Guesser" },
            address,
          })
        : route === 1
          ? await call(baseURL!, "GET", `/api/sessions/lookup?pin=${pin}`, { token: guesser.token, address })
          : await call(baseURL!, "POST", "/api/screens", { token: guesser.token, body: { pin }, address }),
    );
  }
  const right = await call(baseURL!, "POST", "/api/sessions/join", {
    token: guesser.token,
    body: { pin: game.pin, nickname: "Guesser" },
    address,
  });
  const counts = tally(replies);
  figures.pinGuessing = { guesses: replies.length, statuses: counts, rightPinAfterwards: right.status };
  expect(counts[404]).toBeLessThanOrEqual(30);
  expect(counts[429]).toBeGreaterThanOrEqual(30);
  expect(right.status).toBe(429);
  // Another address (another pub) is not affected.
  const elsewhere = await call(baseURL!, "POST", "/api/sessions/join", {
    token: (await anonymousUser()).token,
    body: { pin: game.pin, nickname: "Honest" },
    address: "198.51.100.21",
  });
  expect(elsewhere.status).toBe(200);
});

test("flooding answers: one is stored, the rest are refused (409, then 429)", async ({ baseURL }) => {
  const game = await createGame();
  const flooder = await anonymousUser();
  expect(
    (
      await call(baseURL!, "POST", "/api/sessions/join", {
        token: flooder.token,
        body: { pin: game.pin, nickname: "Flood" },
      })
    ).status,
  ).toBe(200);
  await act(baseURL!, game, "start");
  await act(baseURL!, game, "open");
  const replies: Reply[] = [];
  for (let i = 0; i < 500; i += 25) {
    replies.push(
      ...(await Promise.all(
        Array.from({ length: 25 }, (_, j) =>
          call(baseURL!, "POST", `/api/sessions/${game.sessionId}/answers`, {
            token: flooder.token,
            body: {
              answerId: randomUUID(),
              questionId: game.questionIds[0],
              response: { choices: [(i + j) % 2 ? "a" : "b"] },
            },
          }),
        ),
      )),
    );
  }
  const counts = tally(replies);
  figures.answerFlood = { requests: replies.length, statuses: counts };
  expect(counts[200]).toBe(1);
  expect(Object.keys(counts).every((s) => Number(s) < 500)).toBe(true);
  // 12 per participant per fixed 10 s window: the rest of each window's budget meets already_answered (409).
  expect((counts[409] ?? 0) + (counts[429] ?? 0)).toBe(499);
  expect(counts[429]).toBeGreaterThanOrEqual(450);
  const n = (
    await db<{ n: number }[]>`select count(*)::int as n from public.answers where session_id = ${game.sessionId}`
  )[0]!.n;
  expect(n).toBe(1);
});

function subscribe(channel: RealtimeChannel): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("NO_STATUS"), 5000);
    channel.subscribe((status) => {
      clearTimeout(timer);
      resolve(status);
    });
  });
}

test("a player cannot broadcast on the session channel, nor listen to another session's", async ({ baseURL }) => {
  const game = await createGame();
  const other = await createGame();
  const [mallory, victim] = [await anonymousUser(), await anonymousUser()];
  for (const [user, nickname] of [
    [mallory, "Mallory"],
    [victim, "Victim"],
  ] as const)
    expect(
      (await call(baseURL!, "POST", "/api/sessions/join", { token: user.token, body: { pin: game.pin, nickname } }))
        .status,
    ).toBe(200);
  const channel = (user: User, sessionId: string) => {
    void user.client.realtime.setAuth(user.token);
    return user.client.channel(`session:${sessionId}`, { config: { private: true, broadcast: { ack: true } } });
  };
  const received: unknown[] = [];
  const listener = channel(victim, game.sessionId).on("broadcast", { event: "*" }, (m) => received.push(m));
  const hostListener = channel(game.host, game.sessionId).on("broadcast", { event: "*" }, (m) => received.push(m));
  expect(await subscribe(listener)).toBe("SUBSCRIBED");
  expect(await subscribe(hostListener)).toBe("SUBSCRIBED");

  // Over the socket: a fake "question_revealed" that would show everyone a wrong key.
  const sender = channel(mallory, game.sessionId);
  expect(await subscribe(sender)).toBe("SUBSCRIBED");
  const sent = await sender.send({
    type: "broadcast",
    event: "game",
    payload: { type: "question_revealed", seq: 999 },
  });
  // Over HTTP: the broadcast endpoint with the player's token instead of the service key (answered 202,
  // like hosted Realtime, and dropped: see below).
  const http = await fetch(`${E2E_API_URL}/realtime/v1/api/broadcast`, {
    method: "POST",
    headers: { "content-type": "application/json", apikey: mallory.token, authorization: `Bearer ${mallory.token}` },
    body: JSON.stringify({
      messages: [
        { topic: `session:${game.sessionId}`, event: "game", payload: { type: "question_revealed" }, private: true },
      ],
    }),
  });
  // A real event still arrives, so the listeners were live while the fakes were dropped (question_opened:
  // question_shown goes to the host and screens' stage topic).
  await act(baseURL!, game, "start");
  await act(baseURL!, game, "open");
  await expect.poll(() => received.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const fakes = received.filter((m) => JSON.stringify(m).includes("question_revealed"));

  // Listening in on another session.
  const snoop = channel(mallory, other.sessionId);
  const snoopStatus = await subscribe(snoop);
  figures.realtime = {
    socketSend: sent,
    httpBroadcastStatus: http.status,
    fakesDelivered: fakes.length,
    otherSessionJoin: snoopStatus,
  };
  expect(sent).not.toBe("ok");
  // Like hosted Realtime, the HTTP endpoint answers 202 and drops what the sender may not publish (no
  // INSERT policy on realtime.messages): what counts is that nothing arrived.
  expect(fakes).toEqual([]);
  expect(snoopStatus).toBe("CHANNEL_ERROR");
  for (const user of [mallory, victim, game.host]) await user.client.removeAllChannels();
});

test("a legitimate game keeps its answer latency while the server is flooded", async ({ baseURL }) => {
  test.setTimeout(600_000);
  const PLAYERS = 20;
  const QUESTIONS_PER_PHASE = 3;
  const game = await createGame({ questions: QUESTIONS_PER_PHASE * 2 });
  const players = await Promise.all(Array.from({ length: PLAYERS }, () => anonymousUser()));
  for (const [i, p] of players.entries())
    expect(
      (
        await call(baseURL!, "POST", "/api/sessions/join", {
          token: p.token,
          body: { pin: game.pin, nickname: `Legit ${i}` },
          address: `203.0.113.${i}`,
        })
      ).status,
    ).toBe(200);

  // The attackers' own session (a flooder in a game of its own) and their tokens.
  const attackGame = await createGame();
  const flooders = await Promise.all(Array.from({ length: 4 }, () => anonymousUser()));
  for (const [i, f] of flooders.entries())
    expect(
      (
        await call(baseURL!, "POST", "/api/sessions/join", {
          token: f.token,
          body: { pin: attackGame.pin, nickname: `Flood ${i}` },
          address: "198.51.100.30",
        })
      ).status,
    ).toBe(200);
  await act(baseURL!, attackGame, "start");
  await act(baseURL!, attackGame, "open");

  await act(baseURL!, game, "start");
  let question = 0;
  async function playQuestion(): Promise<number[]> {
    if (question > 0) {
      await act(baseURL!, game, "close");
      await act(baseURL!, game, "reveal");
      await act(baseURL!, game, "next");
    }
    await act(baseURL!, game, "open");
    const questionId = game.questionIds[question++]!;
    const replies = await Promise.all(
      players.map((p, i) =>
        call(baseURL!, "POST", `/api/sessions/${game.sessionId}/answers`, {
          token: p.token,
          body: { answerId: randomUUID(), questionId, response: { choices: ["b"] } },
          address: `203.0.113.${i}`,
        }),
      ),
    );
    for (const r of replies) expect(r.status, JSON.stringify(r.body)).toBe(200);
    return replies.map((r) => r.ms);
  }

  const quiet: number[] = [];
  for (let q = 0; q < QUESTIONS_PER_PHASE; q += 1) quiet.push(...(await playQuestion()));

  // The flood: answer spam, join spam and PIN guessing, back to back from 8 concurrent loops.
  let flooding = true;
  const flood: Reply[] = [];
  const loops = [
    ...flooders.map((f) => async () => {
      while (flooding)
        flood.push(
          await call(baseURL!, "POST", `/api/sessions/${attackGame.sessionId}/answers`, {
            token: f.token,
            body: { answerId: randomUUID(), questionId: attackGame.questionIds[0], response: { choices: ["a"] } },
            address: "198.51.100.30",
          }),
        );
    }),
    async () => {
      while (flooding)
        flood.push(
          await call(baseURL!, "POST", "/api/sessions/join", {
            token: flooders[0]!.token,
            body: { pin: game.pin, nickname: "Crasher" },
            address: "198.51.100.31",
          }),
        );
    },
    async () => {
      while (flooding)
        flood.push(
          await call(
            baseURL!,
            "GET",
            `/api/sessions/lookup?pin=${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`,
            { token: flooders[1]!.token, address: "198.51.100.32" },
          ),
        );
    },
    async () => {
      while (flooding)
        flood.push(
          await call(baseURL!, "POST", "/api/sessions/join", {
            token: flooders[2]!.token,
            body: { pin: "12345", nickname: "" },
            address: "198.51.100.33",
          }),
        );
    },
    async () => {
      while (flooding)
        flood.push(
          await call(baseURL!, "GET", `/api/sessions/${game.sessionId}/snapshot?view=host`, {
            token: flooders[3]!.token,
            address: "198.51.100.34",
          }),
        );
    },
  ].map((loop) => loop());
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const floodStarted = performance.now();
  const loud: number[] = [];
  for (let q = 0; q < QUESTIONS_PER_PHASE; q += 1) loud.push(...(await playQuestion()));
  const floodSeconds = (performance.now() - floodStarted) / 1000;
  flooding = false;
  await Promise.all(loops);

  const floodCounts = tally(flood);
  figures.latency = {
    players: PLAYERS,
    answersPerPhase: quiet.length,
    quiet: { p50: percentile(quiet, 50), p99: percentile(quiet, 99) },
    flooded: { p50: percentile(loud, 50), p99: percentile(loud, 99) },
    flood: { requests: flood.length, perSecond: Math.round(flood.length / floodSeconds), statuses: floodCounts },
  };
  expect(Object.keys(floodCounts).every((s) => Number(s) < 500)).toBe(true);
  const n = (
    await db<{ n: number }[]>`select count(*)::int as n from public.answers where session_id = ${game.sessionId}`
  )[0]!.n;
  expect(n).toBe(PLAYERS * QUESTIONS_PER_PHASE * 2);
  const crashers = (
    await db<
      { crashers: number }[]
    >`select count(*)::int as crashers from public.participants where session_id = ${game.sessionId} and nickname = 'Crasher'`
  )[0]!.crashers;
  expect(crashers).toBeLessThanOrEqual(1);
});
