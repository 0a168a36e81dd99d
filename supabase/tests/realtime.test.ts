import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { attachScreen, kickParticipant } from "@/lib/db";
import { playerTopic, sessionTopic, stageTopic } from "@/lib/realtime/topics";
import { errorCode, startTestDb, type TestDb, type TestUser } from "./harness";
import { setupGame, type Game } from "./fixtures";

/**
 * Promise 4: a player receives only their session's events; only the server can send them. Private
 * channels are authorized by RLS on realtime.messages, the way Realtime checks a join: probe rows for the
 * topic exist, and the caller (role + claims, `realtime.topic` set) may or may not select them.
 */

let t: TestDb;
let gameA: Game;
let gameB: Game;
let screen: TestUser;
beforeAll(async () => {
  t = await startTestDb();
  gameA = await setupGame(t, { players: 3 });
  gameB = await setupGame(t, { players: 1 });
  screen = await t.createUser({ anonymous: true });
  await t.as(screen, (tx) => attachScreen(tx, gameA.pin));
  for (const game of [gameA, gameB]) {
    const own = game.players.map((player) => playerTopic(game.sessionId, player.user.id));
    for (const topic of [sessionTopic(game.sessionId), stageTopic(game.sessionId), ...own]) {
      await t.admin`insert into realtime.messages (topic, extension, private, event, payload)
        values (${topic}, 'broadcast', true, 'probe', '{}'), (${topic}, 'presence', true, 'probe', '{}')`;
    }
  }
});
afterAll(async () => {
  await t?.stop();
});

async function canReceive(user: TestUser | { role: "anon" }, topic: string): Promise<boolean> {
  const rows = await t.as(user, async (tx) => {
    await tx`select set_config('realtime.topic', ${topic}, true)`;
    return tx`select extension from realtime.messages where topic = ${topic} and extension = 'broadcast'`;
  });
  return rows.length > 0;
}

describe("who may listen on session:<id>:stage (question shown, leaderboard)", () => {
  test("the host and attached screens may; players, other hosts and strangers may not", async () => {
    const topic = stageTopic(gameA.sessionId);
    expect(await canReceive(gameA.host, topic)).toBe(true);
    expect(await canReceive(screen, topic)).toBe(true);
    for (const player of gameA.players) expect(await canReceive(player.user, topic)).toBe(false);
    expect(await canReceive(gameB.host, topic)).toBe(false);
    expect(await canReceive(await t.createUser({ anonymous: true }), topic)).toBe(false);
    expect(await canReceive({ role: "anon" }, topic)).toBe(false);
  });
});

describe("who may listen on session:<id>:user:<user id> (that player's results)", () => {
  test("that player only: not the other players, the host, screens, other sessions or strangers", async () => {
    const [me, other] = gameA.players;
    const topic = playerTopic(gameA.sessionId, me!.user.id);
    expect(await canReceive(me!.user, topic)).toBe(true);
    expect(await canReceive(other!.user, topic)).toBe(false);
    expect(await canReceive(gameA.host, topic)).toBe(false);
    expect(await canReceive(screen, topic)).toBe(false);
    expect(await canReceive(gameB.players[0]!.user, topic)).toBe(false);
    expect(await canReceive(await t.createUser({ anonymous: true }), topic)).toBe(false);
    expect(await canReceive({ role: "anon" }, topic)).toBe(false);
  });

  test("one's own user id under a session one does not play in, or another user's id, opens nothing", async () => {
    const me = gameB.players[0]!;
    // My user id under session A, where I am not a player.
    const crossed = playerTopic(gameA.sessionId, me.user.id);
    await t.admin`insert into realtime.messages (topic, extension, private) values (${crossed}, 'broadcast', true)`;
    expect(await canReceive(me.user, crossed)).toBe(false);
    // The host of A under A: a host is not a player.
    const hosts = playerTopic(gameA.sessionId, gameA.host.id);
    await t.admin`insert into realtime.messages (topic, extension, private) values (${hosts}, 'broadcast', true)`;
    expect(await canReceive(gameA.host, hosts)).toBe(false);
    expect(await canReceive(me.user, playerTopic(gameB.sessionId, gameA.players[2]!.user.id))).toBe(false);
  });

  test("a kicked player loses it", async () => {
    const game = await setupGame(t, { players: 1 });
    const player = game.players[0]!;
    const topic = playerTopic(game.sessionId, player.user.id);
    await t.admin`insert into realtime.messages (topic, extension, private) values (${topic}, 'broadcast', true)`;
    expect(await canReceive(player.user, topic)).toBe(true);
    await t.as(game.host, (tx) => kickParticipant(tx, game.sessionId, player.participantId));
    expect(await canReceive(player.user, topic)).toBe(false);
  });
});

describe("who may listen on session:<id>", () => {
  test("the host, the players and attached screens of that session may", async () => {
    const topic = sessionTopic(gameA.sessionId);
    expect(await canReceive(gameA.host, topic)).toBe(true);
    for (const player of gameA.players) expect(await canReceive(player.user, topic)).toBe(true);
    expect(await canReceive(screen, topic)).toBe(true);
  });

  test("players and the host of another session, strangers and anon may not", async () => {
    const topic = sessionTopic(gameA.sessionId);
    expect(await canReceive(gameB.players[0]!.user, topic)).toBe(false);
    expect(await canReceive(gameB.host, topic)).toBe(false);
    expect(await canReceive(await t.createUser({ anonymous: true }), topic)).toBe(false);
    expect(await canReceive(await t.createUser(), topic)).toBe(false);
    expect(await canReceive({ role: "anon" }, topic)).toBe(false);
  });

  test("a kicked player loses the channel", async () => {
    const game = await setupGame(t, { players: 1 });
    const topic = sessionTopic(game.sessionId);
    await t.admin`insert into realtime.messages (topic, extension, private) values (${topic}, 'broadcast', true)`;
    const player = game.players[0]!;
    expect(await canReceive(player.user, topic)).toBe(true);
    await t.as(game.host, (tx) => kickParticipant(tx, game.sessionId, player.participantId));
    expect(await canReceive(player.user, topic)).toBe(false);
  });

  test("setting the topic to one's own session does not open another session's messages", async () => {
    const own = sessionTopic(gameB.sessionId);
    const rows = await t.as(gameB.players[0]!.user, async (tx) => {
      await tx`select set_config('realtime.topic', ${own}, true)`;
      return tx`select topic from realtime.messages`;
    });
    expect(new Set(rows.map((row) => row.topic))).toEqual(new Set([own]));
  });

  test("malformed and foreign topics are refused", async () => {
    for (const topic of [
      "session:not-a-uuid",
      `session:${gameA.sessionId.toUpperCase()}`,
      `lobby:${gameA.sessionId}`,
      `session:${gameA.sessionId}:user:`,
      `session:${gameA.sessionId}:user:${gameA.players[0]!.user.id}:x`,
      `session:${gameA.sessionId}:player:${gameA.players[0]!.participantId}`,
      "",
    ]) {
      await t.admin`insert into realtime.messages (topic, extension, private) values (${topic}, 'broadcast', true)`;
      expect(await canReceive(gameA.host, topic)).toBe(false);
    }
  });
});

describe("who may send", () => {
  test("no client may insert or change messages, not even the host: only the server (service role) sends", async () => {
    const topic = sessionTopic(gameA.sessionId);
    for (const user of [gameA.host, gameA.players[0]!.user, screen]) {
      const insert = t.as(user, async (tx) => {
        await tx`select set_config('realtime.topic', ${topic}, true)`;
        return tx`insert into realtime.messages (topic, extension, private, event, payload)
                  values (${topic}, 'broadcast', true, 'question_revealed', '{"forged": true}')`;
      });
      expect(await errorCode(insert)).toBe("42501");
      const update = await t.as(user, async (tx) => {
        await tx`select set_config('realtime.topic', ${topic}, true)`;
        return tx`update realtime.messages set payload = '{"forged": true}' where topic = ${topic} returning id`;
      });
      expect(update).toHaveLength(0);
    }
    const served = await t.as(
      { role: "service_role" },
      (tx) =>
        tx`insert into realtime.messages (topic, extension, private, event, payload)
         values (${topic}, 'broadcast', true, 'question_shown', '{}') returning id`,
    );
    expect(served).toHaveLength(1);
  });
});
