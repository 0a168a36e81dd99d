import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  attachScreen,
  createTeam,
  getSnapshot,
  joinSession,
  kickParticipant,
  lookupPin,
  pickTeam,
  updateSessionSettings,
} from "@/lib/db";
import { gameEventSchema } from "@/lib/game/events";
import { errorCode, startTestDb, type TestDb } from "./harness";
import { setupGame } from "./fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await startTestDb({ poolSize: 20 });
});
afterAll(async () => {
  await t?.stop();
});

const join = (user: Parameters<TestDb["as"]>[0], pin: string, nickname: string, teamId?: string) =>
  t.as(user, (tx) => joinSession(tx, { pin, nickname, teamId }));

describe("joining", () => {
  test("a player joins by PIN with a normalized nickname; an unknown PIN is pin_not_found", async () => {
    const game = await setupGame(t);
    const player = await t.createUser({ anonymous: true });
    const joined = await join(player, game.pin, "  Zoë \u200B ");
    expect(joined).toMatchObject({
      rejoined: false,
      event: null,
      participant: { nickname: "Zoë" },
      session: { id: game.sessionId, state: "lobby" },
    });
    const wrongPin = game.pin === "999999" ? "999998" : "999999";
    expect(await errorCode(join(player, wrongPin, "Zoë"))).toBe("pin_not_found");
    expect(await errorCode(join({ role: "authenticated" }, game.pin, "Nobody"))).toBe("not_authenticated");
  });

  test("a rejoin by the same identity returns the same participant with its score, even when locked", async () => {
    const game = await setupGame(t, { players: 1 });
    const player = game.players[0]!;
    await game.step("start");
    await game.step("open");
    await game.answer(player, { choices: ["opt-secret-right"] });
    await game.close();
    await t.as(game.host, (tx) => updateSessionSettings(tx, game.sessionId, { isLocked: true, allowLateJoin: false }));
    const again = await join(player.user, game.pin, "Another Name");
    expect(again.rejoined).toBe(true);
    expect(again.participant.id).toBe(player.participantId);
    expect(again.participant.nickname).toBe(player.nickname);
    await game.step("reveal");
    const snapshot = await t.as(player.user, (tx) => getSnapshot(tx, game.sessionId));
    expect(snapshot.role === "player" && snapshot.me.score).toBeGreaterThan(900);
  });

  test("nicknames are unique per session, case-, accent- and space-insensitively", async () => {
    const game = await setupGame(t);
    const [a, b, c] = await t.createUsers(3, { anonymous: true });
    await join(a!, game.pin, "Zoë Smith");
    expect(await errorCode(join(b!, game.pin, "  zoe   SMITH "))).toBe("name_taken");
    expect(await errorCode(join(c!, game.pin, "ｚｏｅ smith"))).toBe("name_taken");
    const other = await setupGame(t);
    expect((await join(b!, other.pin, "Zoë Smith")).rejoined).toBe(false); // another session: fine
  });

  test("bad and offensive names are refused", async () => {
    const game = await setupGame(t);
    const player = await t.createUser({ anonymous: true });
    expect(await errorCode(join(player, game.pin, "x"))).toBe("name_invalid");
    expect(await errorCode(join(player, game.pin, "a".repeat(21)))).toBe("name_invalid");
    expect(await errorCode(join(player, game.pin, "f\u200Bu\u200Bc\u200Bk"))).toBe("name_rejected");
    expect(await errorCode(join(player, game.pin, "5H1T head"))).toBe("name_rejected");
  });

  test("two joins racing for one nickname: one wins, the other gets name_taken", async () => {
    for (let round = 0; round < 5; round++) {
      const game = await setupGame(t);
      const users = await t.createUsers(4, { anonymous: true });
      const results = await Promise.allSettled(users.map((user) => join(user, game.pin, "Same Name")));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const codes = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as { code: string }).code] : []));
      expect(codes).toEqual(["name_taken", "name_taken", "name_taken"]);
    }
  });

  test("the same identity joining twice at once gets one participant", async () => {
    const game = await setupGame(t);
    const user = await t.createUser({ anonymous: true });
    const [first, second] = await Promise.all([join(user, game.pin, "Twin A"), join(user, game.pin, "Twin B")]);
    expect(first.participant.id).toBe(second.participant.id);
    const [count] =
      await t.admin`select count(*)::int as n from public.participants where session_id = ${game.sessionId}`;
    expect(count!.n).toBe(1);
  });

  test("a locked lobby refuses new players; unlocking lets them in", async () => {
    const game = await setupGame(t);
    const event = (await t.as(game.host, (tx) => updateSessionSettings(tx, game.sessionId, { isLocked: true }))).event;
    expect(gameEventSchema.parse(event)).toMatchObject({ type: "settings_changed", is_locked: true, seq: 1 });
    const player = await t.createUser({ anonymous: true });
    expect(await errorCode(join(player, game.pin, "Knocker"))).toBe("lobby_locked");
    expect(await t.as(player, (tx) => lookupPin(tx, game.pin))).toMatchObject({ can_join: false, participant: null });
    await t.as(game.host, (tx) => updateSessionSettings(tx, game.sessionId, { isLocked: false }));
    expect((await join(player, game.pin, "Knocker")).rejoined).toBe(false);
  });

  test("late join: allowed by default, refused when switched off, never into a finished game", async () => {
    const game = await setupGame(t, { allowLateJoin: false });
    await game.step("start");
    const [late, later] = await t.createUsers(2, { anonymous: true });
    expect(await errorCode(join(late!, game.pin, "Late"))).toBe("late_join_closed");
    await t.as(game.host, (tx) => updateSessionSettings(tx, game.sessionId, { allowLateJoin: true }));
    expect((await join(late!, game.pin, "Late")).session.state).toBe("question");
    await game.step("finish");
    expect(await errorCode(join(later!, game.pin, "Later"))).toBe("pin_not_found");
  });

  test("only the host changes settings or kicks", async () => {
    const game = await setupGame(t, { players: 2 });
    const [p1, p2] = game.players;
    expect(await errorCode(t.as(p1!.user, (tx) => updateSessionSettings(tx, game.sessionId, { isLocked: true })))).toBe(
      "not_host",
    );
    expect(await errorCode(t.as(p1!.user, (tx) => kickParticipant(tx, game.sessionId, p2!.participantId)))).toBe(
      "not_host",
    );
    const otherHost = await t.createUser();
    expect(await errorCode(t.as(otherHost, (tx) => kickParticipant(tx, game.sessionId, p2!.participantId)))).toBe(
      "not_host",
    );
    const [row] = await t.admin`select is_kicked from public.participants where id = ${p2!.participantId}`;
    expect(row!.is_kicked).toBe(false);
  });
});

describe("kicking", () => {
  test("a kicked player cannot rejoin with the same identity, nor attach as a screen", async () => {
    const game = await setupGame(t, { players: 2 });
    const [p1] = game.players;
    const kicked = await t.as(game.host, (tx) => kickParticipant(tx, game.sessionId, p1!.participantId));
    expect(gameEventSchema.parse(kicked.event)).toMatchObject({
      type: "player_kicked",
      participant_id: p1!.participantId,
    });
    expect((await t.as(game.host, (tx) => kickParticipant(tx, game.sessionId, p1!.participantId))).event).toBeNull();
    expect(await errorCode(join(p1!.user, game.pin, "New Me"))).toBe("kicked");
    expect(await errorCode(join(p1!.user, game.pin, p1!.nickname))).toBe("kicked");
    expect(await errorCode(t.as(p1!.user, (tx) => attachScreen(tx, game.pin)))).toBe("kicked");
    expect(await errorCode(t.as(p1!.user, (tx) => getSnapshot(tx, game.sessionId)))).toBe("kicked");
    expect(await t.as(p1!.user, (tx) => lookupPin(tx, game.pin))).toMatchObject({ is_kicked: true, can_join: false });
  });

  test("kicking a participant of another session is participant_not_found", async () => {
    const gameA = await setupGame(t, { players: 1 });
    const gameB = await setupGame(t, { players: 1 });
    const attempt = t.as(gameA.host, (tx) => kickParticipant(tx, gameA.sessionId, gameB.players[0]!.participantId));
    expect(await errorCode(attempt)).toBe("participant_not_found");
  });
});

describe("teams", () => {
  test("host and players create teams, players pick them in the lobby, names are filtered and unique", async () => {
    const game = await setupGame(t, { players: 2, teamsEnabled: true });
    const [p1, p2] = game.players;
    const red = await t.as(game.host, (tx) => createTeam(tx, game.sessionId, "Red Team"));
    expect(gameEventSchema.parse(red.event)).toMatchObject({ type: "team_created", team: { name: "Red Team" } });
    const blue = await t.as(p1!.user, (tx) => createTeam(tx, game.sessionId, "Blue"));
    expect(await errorCode(t.as(p2!.user, (tx) => createTeam(tx, game.sessionId, "red  team")))).toBe("name_taken");
    expect(await errorCode(t.as(p2!.user, (tx) => createTeam(tx, game.sessionId, "Team Sh1t")))).toBe("name_rejected");
    const picked = await t.as(p2!.user, (tx) => pickTeam(tx, game.sessionId, red.team.id));
    expect(picked.participant.team_id).toBe(red.team.id);
    const [p1row] = await t.admin`select team_id from public.participants where id = ${p1!.participantId}`;
    expect(p1row!.team_id).toBe(blue.team.id);
    const newcomer = await t.createUser({ anonymous: true });
    expect((await join(newcomer, game.pin, "Newcomer", blue.team.id)).participant.team_id).toBe(blue.team.id);
    const other = await setupGame(t, { teamsEnabled: true });
    expect(await errorCode(join(await t.createUser({ anonymous: true }), other.pin, "Spy", blue.team.id))).toBe(
      "team_not_found",
    );
    await game.step("start");
    expect(await errorCode(t.as(p2!.user, (tx) => pickTeam(tx, game.sessionId, blue.team.id)))).toBe("invalid_state");
    expect(await errorCode(t.as(p2!.user, (tx) => createTeam(tx, game.sessionId, "Green")))).toBe("invalid_state");
  });

  test("teams must be switched on, and only in the lobby", async () => {
    const game = await setupGame(t, { players: 1 });
    expect(await errorCode(t.as(game.host, (tx) => createTeam(tx, game.sessionId, "Solo")))).toBe("teams_disabled");
    await t.as(game.host, (tx) => updateSessionSettings(tx, game.sessionId, { teamsEnabled: true }));
    await t.as(game.host, (tx) => createTeam(tx, game.sessionId, "Solo"));
    await game.step("start");
    expect(
      await errorCode(t.as(game.host, (tx) => updateSessionSettings(tx, game.sessionId, { teamsEnabled: false }))),
    ).toBe("invalid_state");
  });
});

describe("screens and PIN lookup", () => {
  test("an anonymous TV attaches by PIN and sees the public view", async () => {
    const game = await setupGame(t, { players: 3 });
    const tv = await t.createUser({ anonymous: true });
    const attached = await t.as(tv, (tx) => attachScreen(tx, game.pin));
    expect(attached.session.id).toBe(game.sessionId);
    const snapshot = await t.as(tv, (tx) => getSnapshot(tx, game.sessionId));
    expect(snapshot.role).toBe("screen");
    expect(snapshot.role === "screen" && snapshot.lobby?.map((p) => p.nickname)).toEqual([
      "Player 1",
      "Player 2",
      "Player 3",
    ]);
    // Attaching again is harmless.
    expect((await t.as(tv, (tx) => attachScreen(tx, game.pin))).screen_id).toBe(attached.screen_id);
  });

  test("lookup tells the join page about the session and the caller", async () => {
    const game = await setupGame(t, { players: 1, teamsEnabled: true });
    await t.as(game.host, (tx) => createTeam(tx, game.sessionId, "Quizzly Bears"));
    const stranger = await t.createUser({ anonymous: true });
    expect(await t.as(stranger, (tx) => lookupPin(tx, game.pin))).toMatchObject({
      session: { id: game.sessionId, state: "lobby", teams_enabled: true },
      teams: [{ name: "Quizzly Bears" }],
      participant: null,
      can_join: true,
    });
    expect(await t.as(game.players[0]!.user, (tx) => lookupPin(tx, game.pin))).toMatchObject({
      participant: { id: game.players[0]!.participantId },
    });
  });
});
