import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { advanceSession, createTeam, getSnapshot, joinSession, kickParticipant, pickTeam } from "@/lib/db";
import type { PersonalResult } from "@/lib/game/events";
import { errorCode, startTestDb, type TestDb } from "./harness";
import { SECRET_OPTION, setElapsed, setupGame, type Game, type Player } from "./fixtures";

/**
 * The reveal and the end return each player's own result beside the event (the app sends it to that player's
 * own topic, so no phone fetches its snapshot for it). It must say exactly what the player's snapshot says.
 */
let t: TestDb;
beforeAll(async () => {
  t = await startTestDb();
});
afterAll(async () => {
  await t?.stop();
});

async function playerView(player: Player, game: Game) {
  const snapshot = await t.as(player.user, (tx) => getSnapshot(tx, game.sessionId));
  if (snapshot.role !== "player") throw new Error(`expected a player view, got ${snapshot.role}`);
  return snapshot;
}

async function expectSameAsSnapshots(game: Game, personal: PersonalResult[], players: Player[], withAnswer: boolean) {
  expect(personal.map((r) => r.participant_id).sort()).toEqual(players.map((p) => p.participantId).sort());
  // Each copy is addressed to its player's own topic, named by their user id.
  expect(new Map(personal.map((r) => [r.participant_id, r.user_id]))).toEqual(
    new Map(players.map((p) => [p.participantId, p.user.id])),
  );
  for (const player of players) {
    const snapshot = await playerView(player, game);
    const mine = personal.find((r) => r.participant_id === player.participantId)!;
    const { participant: _participant, ...standing } = snapshot.me;
    expect(mine.me, player.nickname).toEqual(standing);
    if (withAnswer) expect(mine.my_answer, player.nickname).toEqual(snapshot.my_answer);
  }
}

describe("personal results at the reveal and the end", () => {
  test("one per player not kicked, late joiners included, each equal to that player's snapshot", async () => {
    const game = await setupGame(t, { players: 5, teamsEnabled: true, allowLateJoin: true });
    const [fast, slow, wrong, silent, kicked] = game.players as [Player, Player, Player, Player, Player];
    const red = (await t.as(game.host, (tx) => createTeam(tx, game.sessionId, "Red"))).team;
    const blue = (await t.as(game.host, (tx) => createTeam(tx, game.sessionId, "Blue"))).team;
    for (const [player, team] of [
      [fast, red],
      [slow, blue],
      [wrong, red],
      [kicked, blue],
    ] as const)
      await t.as(player.user, (tx) => pickTeam(tx, game.sessionId, team.id));
    await game.step("start");
    await game.step("open");
    await game.answer(fast, { choices: [SECRET_OPTION] });
    await game.answer(slow, { choices: [SECRET_OPTION] });
    await game.answer(wrong, { choices: ["a"] });
    await game.answer(kicked, { choices: [SECRET_OPTION] });
    await setElapsed(
      t,
      game.sessionId,
      new Map([
        [fast.participantId, 1_000],
        [slow.participantId, 12_000],
      ]),
    );
    const [lateUser] = await t.createUsers(1, { anonymous: true });
    const late = await t.as(lateUser!, (tx) => joinSession(tx, { pin: game.pin, nickname: "Late" }));
    await t.as(game.host, (tx) => kickParticipant(tx, game.sessionId, kicked.participantId));
    expect((await game.close()).personal).toBeUndefined();

    const revealed = await t.as(game.host, (tx) => advanceSession(tx, game.sessionId, "reveal"));
    expect(revealed.event).toMatchObject({ type: "question_revealed", audience: "personal" });
    const latePlayer = { user: lateUser!, participantId: late.participant.id, nickname: "Late" };
    const everyone = [fast, slow, wrong, silent, latePlayer];
    await expectSameAsSnapshots(game, revealed.personal!, everyone, true);
    const byId = new Map(revealed.personal!.map((r) => [r.participant_id, r]));
    expect(byId.get(fast.participantId)).toMatchObject({
      me: { rank: 1, streak: 1, correct_count: 1, team: { name: "Red" } },
      my_answer: { is_correct: true, response: { choices: [SECRET_OPTION] } },
    });
    expect(byId.get(fast.participantId)!.me.score).toBeGreaterThan(byId.get(slow.participantId)!.me.score);
    expect(byId.get(wrong.participantId)).toMatchObject({
      me: { score: 0, rank: 3 },
      my_answer: { is_correct: false, points: 0 },
    });
    expect(byId.get(silent.participantId)).toMatchObject({ me: { score: 0, team: null }, my_answer: null });
    expect(byId.get(late.participant.id)).toMatchObject({ me: { score: 0 }, my_answer: null });

    // Steps other than the reveal and the end carry no personal results.
    const leaderboard = await t.as(game.host, (tx) => advanceSession(tx, game.sessionId, "leaderboard"));
    expect(leaderboard.personal).toBeUndefined();

    const finished = await t.as(game.host, (tx) => advanceSession(tx, game.sessionId, "finish"));
    expect(finished.event).toMatchObject({ type: "session_finished", audience: "personal" });
    await expectSameAsSnapshots(game, finished.personal!, everyone, false);
    expect(finished.personal!.every((r) => r.my_answer === null)).toBe(true);
  });

  test("only the host reveals, so only the host's request ever holds everyone's results", async () => {
    const game = await setupGame(t, { players: 2 });
    await game.step("start");
    await game.step("open");
    await game.close();
    for (const user of [game.players[0]!.user, await t.createUser()])
      expect(await errorCode(t.as(user, (tx) => advanceSession(tx, game.sessionId, "reveal")))).toBe("not_host");
  });
});
