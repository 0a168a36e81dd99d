import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  attachScreen,
  createTeam,
  getLeaderboard,
  getQuestionResults,
  getSessionReport,
  getSnapshot,
  getSnapshotAs,
  joinSession,
  kickParticipant,
  pickTeam,
} from "@/lib/db";
import { teamScore } from "@/lib/game/scoring";
import { errorCode, startTestDb, type TestDb } from "./harness";
import { SECRET_OPTION, setElapsed, setupGame } from "./fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await startTestDb();
});
afterAll(async () => {
  await t?.stop();
});

describe("snapshots", () => {
  test("each role gets its own valid view in every state (parsed by the shared zod schema)", async () => {
    const game = await setupGame(t, { players: 2 });
    const [p1, p2] = game.players;
    const tv = await t.createUser({ anonymous: true });
    await t.as(tv, (tx) => attachScreen(tx, game.pin));
    const views = async () => ({
      host: await t.as(game.host, (tx) => getSnapshot(tx, game.sessionId)),
      player: await t.as(p1!.user, (tx) => getSnapshot(tx, game.sessionId)),
      screen: await t.as(tv, (tx) => getSnapshot(tx, game.sessionId)),
    });

    let v = await views();
    expect([v.host.role, v.player.role, v.screen.role]).toEqual(["host", "player", "screen"]);
    expect(v.host.question).toBeNull();
    expect(v.host.role === "host" && v.host.players.map((p) => p.nickname)).toEqual(["Player 1", "Player 2"]);

    await game.step("start");
    await game.step("open");
    await game.answer(p1!, { choices: [SECRET_OPTION] });
    v = await views();
    expect(v.player.question?.kind).toBe("single");
    expect(v.screen.answer_count).toBe(1);
    expect(v.screen.player_count).toBe(2);
    expect(v.host.role === "host" && v.host.host?.stats.distribution).toEqual([
      { option_id: "a", count: 0 },
      { option_id: SECRET_OPTION, count: 1 },
      { option_id: "c", count: 0 },
    ]);
    expect(v.host.role === "host" && v.host.players.map((p) => p.has_answered)).toEqual([true, false]);
    expect(v.player.role === "player" && v.player.my_answer?.response).toEqual({ choices: [SECRET_OPTION] });
    expect(v.screen.reveal).toBeNull();

    await game.answer(p2!, { choices: ["a"] });
    await game.close();
    await game.step("reveal");
    v = await views();
    expect(v.screen.reveal).toMatchObject({
      key: { correct_option_ids: [SECRET_OPTION], explanation: "Because bravo." },
      stats: { answer_count: 2, correct_count: 1 },
    });
    expect(v.player.role === "player" && v.player.my_answer).toMatchObject({ is_correct: true });
    expect(v.player.role === "player" && v.player.me.rank).toBe(1);
    expect(v.player.role === "player" && v.player.me.team).toBeNull(); // teams are off

    await game.step("leaderboard");
    v = await views();
    expect(v.screen.leaderboard?.top.map((s) => s.nickname)).toEqual(["Player 1", "Player 2"]);

    await game.step("finish");
    v = await views();
    expect(v.player.session.state).toBe("finished");
    expect(v.player.question).toBeNull();
    expect(v.player.role === "player" && v.player.me.score).toBeGreaterThan(0);
  });

  test("outsiders, and hosts of other sessions, get no snapshot", async () => {
    const game = await setupGame(t);
    expect(
      await errorCode(t.as(await t.createUser({ anonymous: true }), (tx) => getSnapshot(tx, game.sessionId))),
    ).toBe("not_participant");
    expect(await errorCode(t.as(await t.createUser(), (tx) => getSnapshot(tx, game.sessionId)))).toBe(
      "not_participant",
    );
    expect(await errorCode(t.as(game.host, (tx) => getSnapshot(tx, game.sessionId, "player")))).toBe("not_participant");
  });
});

describe("leaderboard", () => {
  test("top N with shared ranks for ties, the caller's own rank, kicked players left out", async () => {
    const game = await setupGame(t, { players: 5 });
    await game.step("start");
    await game.step("open");
    const elapsed = [300, 300, 10_000, 20_000, 1_000];
    for (const [i, player] of game.players.entries())
      await game.answer(player, { choices: [i === 4 ? "a" : SECRET_OPTION] });
    await setElapsed(t, game.sessionId, new Map(game.players.map((p, i) => [p.participantId, elapsed[i]!])));
    await game.close();
    await game.step("reveal");
    const top = await t.as(game.players[3]!.user, (tx) => getLeaderboard(tx, game.sessionId, 3));
    expect(top.top.map((s) => [s.nickname, s.score, s.rank])).toEqual([
      ["Player 1", 1000, 1],
      ["Player 2", 1000, 1],
      ["Player 3", 750, 3],
    ]);
    expect(top.me).toMatchObject({ nickname: "Player 4", score: 500, rank: 4 });
    expect(top.player_count).toBe(5);
    await t.as(game.host, (tx) => kickParticipant(tx, game.sessionId, game.players[0]!.participantId));
    const after = await t.as(game.host, (tx) => getLeaderboard(tx, game.sessionId, 10));
    expect(after.top.map((s) => s.rank)).toEqual([1, 2, 3, 4]);
    expect(after.me).toBeNull();
    expect(await errorCode(t.as(game.host, (tx) => getLeaderboard(tx, game.sessionId, 0)))).toBe("invalid_input");
  });

  test("team standings: a team's score is the mean of its members', rounded half up", async () => {
    const game = await setupGame(t, { players: 5, teamsEnabled: true });
    const red = (await t.as(game.host, (tx) => createTeam(tx, game.sessionId, "Red"))).team;
    const blue = (await t.as(game.host, (tx) => createTeam(tx, game.sessionId, "Blue"))).team;
    await t.as(game.host, (tx) => createTeam(tx, game.sessionId, "Empty"));
    const teams = [red, red, blue, blue, blue];
    for (const [i, player] of game.players.entries())
      await t.as(player.user, (tx) => pickTeam(tx, game.sessionId, teams[i]!.id));
    await game.step("start");
    await game.step("open");
    const elapsed = [300, 10_040, 300, 20_000, 5_000];
    for (const player of game.players) await game.answer(player, { choices: [SECRET_OPTION] });
    await setElapsed(t, game.sessionId, new Map(game.players.map((p, i) => [p.participantId, elapsed[i]!])));
    await game.close();
    const closedBoard = await t.as(game.players[0]!.user, (tx) => getLeaderboard(tx, game.sessionId));
    expect(closedBoard.teams?.every((team) => team.score === 0)).toBe(true); // before the reveal: old scores
    const myTeam = async (index: number) => {
      const view = await t.as(game.players[index]!.user, (tx) => getSnapshot(tx, game.sessionId));
      return view.role === "player" ? view.me.team : undefined;
    };
    expect(await myTeam(0)).toMatchObject({ team_id: red.id, score: 0 }); // the phone's team, still hidden
    await game.step("reveal");
    // At the reveal each phone already has its own team's standing, before any leaderboard is shown.
    expect(await myTeam(0)).toEqual({ team_id: red.id, name: "Red", member_count: 2, score: 875, rank: 1 });
    expect(await myTeam(4)).toEqual({ team_id: blue.id, name: "Blue", member_count: 3, score: 792, rank: 2 });
    const event = await game.step("leaderboard");
    if (event?.type !== "leaderboard_shown") throw new Error("expected leaderboard_shown");
    const scores = await t.admin`select id, score from public.participants where session_id = ${game.sessionId}`;
    const scoreOf = new Map(scores.map((r) => [r.id as string, r.score as number]));
    const membersOf = (teamId: string) =>
      game.players.filter((_, i) => teams[i]!.id === teamId).map((p) => scoreOf.get(p.participantId)!);
    expect(membersOf(red.id)).toEqual([1000, 749]);
    expect(membersOf(blue.id)).toEqual([1000, 500, 875]);
    expect(event.teams).toEqual([
      { team_id: red.id, name: "Red", member_count: 2, score: 875, rank: 1 }, // 874.5 rounds half up
      { team_id: blue.id, name: "Blue", member_count: 3, score: 792, rank: 2 }, // 791.67
      expect.objectContaining({ name: "Empty", member_count: 0, score: 0, rank: 3 }),
    ]);
    expect(event.teams?.slice(0, 2).map((team) => team.score)).toEqual([
      teamScore(membersOf(red.id)),
      teamScore(membersOf(blue.id)),
    ]);
  });
});

describe("results and report (host only)", () => {
  test("per-question results and the final report", async () => {
    const game = await setupGame(t, { players: 3 });
    await game.step("start");
    await game.step("open");
    await game.answer(game.players[0]!, { choices: [SECRET_OPTION] });
    await game.answer(game.players[1]!, { choices: ["c"] });
    await setElapsed(
      t,
      game.sessionId,
      new Map([
        [game.players[0]!.participantId, 2_000],
        [game.players[1]!.participantId, 4_000],
      ]),
    );
    await game.close();
    await game.step("reveal");
    await game.step("next");
    await game.step("finish");
    const questionId = (
      await t.admin`select question_ids[1] as id from public.sessions where id = ${game.sessionId}`
    )[0]!.id as string;

    const results = await t.as(game.host, (tx) => getQuestionResults(tx, game.sessionId, questionId));
    expect(results.stats).toMatchObject({ answer_count: 2, correct_count: 1, mean_elapsed_ms: 3000 });
    expect(results.answers.map((a) => [a.nickname, a.is_correct, a.points])).toEqual([
      ["Player 1", true, 950],
      ["Player 2", false, 0],
    ]);

    const report = await t.as(game.host, (tx) => getSessionReport(tx, game.sessionId));
    expect(report.questions).toHaveLength(5);
    expect(report.questions[0]).toMatchObject({ correct_pct: 50, stats: { answer_count: 2, correct_count: 1 } });
    expect(report.questions[1]).toMatchObject({ correct_pct: null, stats: { answer_count: 0 } });
    expect(report.players.map((p) => [p.nickname, p.score, p.rank, p.correct_count, p.answers.length])).toEqual([
      ["Player 1", 950, 1, 1, 1],
      ["Player 2", 0, 2, 0, 1],
      ["Player 3", 0, 2, 0, 0],
    ]);

    const otherHost = await t.createUser();
    expect(await errorCode(t.as(otherHost, (tx) => getSessionReport(tx, game.sessionId)))).toBe("not_host");
    expect(await errorCode(t.as(otherHost, (tx) => getQuestionResults(tx, game.sessionId, questionId)))).toBe(
      "not_host",
    );
    expect(await errorCode(t.as(game.players[0]!.user, (tx) => getSessionReport(tx, game.sessionId)))).toBe("not_host");
    const foreignQuestion = await setupGame(t);
    const foreignId = (
      await t.admin`select question_ids[1] as id from public.sessions where id = ${foreignQuestion.sessionId}`
    )[0]!.id as string;
    expect(await errorCode(t.as(game.host, (tx) => getQuestionResults(tx, game.sessionId, foreignId)))).toBe(
      "question_not_found",
    );
  });
});

describe("reads precomputed at close (ranks, statistics, eligible count)", () => {
  const meOf = async (user: Parameters<TestDb["as"]>[0], sessionId: string) => {
    const snapshot = await t.as(user, (tx) => getSnapshot(tx, sessionId));
    if (snapshot.role !== "player") throw new Error(`expected a player view, got ${snapshot.role}`);
    return snapshot;
  };

  test("a kick after the close moves the ranks below up and drops the kicked answer from the stats", async () => {
    const game = await setupGame(t, { players: 3, allowLateJoin: true });
    const [fast, slow, wrong] = game.players;
    await game.step("start");
    await game.step("open");
    await game.answer(fast!, { choices: [SECRET_OPTION] });
    await game.answer(slow!, { choices: [SECRET_OPTION] });
    await game.answer(wrong!, { choices: ["a"] });
    await setElapsed(
      t,
      game.sessionId,
      new Map([
        [fast!.participantId, 1_000],
        [slow!.participantId, 15_000],
      ]),
    );
    await game.close();

    // Locked: players still see the previous scores (all 0, so all first); revealed: the new ranks.
    expect((await meOf(slow!.user, game.sessionId)).me.rank).toBe(1);
    await game.step("reveal");
    const before = await meOf(slow!.user, game.sessionId);
    expect([before.me.rank, (await meOf(wrong!.user, game.sessionId)).me.rank]).toEqual([2, 3]);
    expect(before.reveal?.stats).toMatchObject({ answer_count: 3, correct_count: 2 });
    expect(before.player_count).toBe(3);

    await t.as(game.host, (tx) => kickParticipant(tx, game.sessionId, fast!.participantId));
    const after = await meOf(slow!.user, game.sessionId);
    expect([after.me.rank, (await meOf(wrong!.user, game.sessionId)).me.rank]).toEqual([1, 2]);
    expect(after.reveal?.stats).toMatchObject({ answer_count: 2, correct_count: 1 });
    expect(after.player_count).toBe(2);
    const stored = await t.admin`select rank, previous_rank from public.participants where id = ${fast!.participantId}`;
    expect(stored[0]).toEqual({ rank: null, previous_rank: null });
  });

  test("a player who joins after a close is ranked on the fly, tied with the other scoreless players", async () => {
    const game = await setupGame(t, { players: 2, allowLateJoin: true });
    const [right, wrong] = game.players;
    await game.step("start");
    await game.step("open");
    await game.answer(right!, { choices: [SECRET_OPTION] });
    await game.answer(wrong!, { choices: ["a"] });
    await game.close();
    await game.step("reveal");
    const late = await t.createUser({ anonymous: true });
    await t.as(late, (tx) => joinSession(tx, { pin: game.pin, nickname: "Latecomer" }));
    expect((await meOf(late, game.sessionId)).me.rank).toBe(2);
    expect((await meOf(wrong!.user, game.sessionId)).me.rank).toBe(2);
  });
});

describe("standings cached per seq for players and screens", () => {
  test("the cached top 10 and team standings match a fresh computation through reveal, a late join, a kick and the end", async () => {
    const game = await setupGame(t, { players: 4, teamsEnabled: true, allowLateJoin: true });
    const [a, b, c, d] = game.players;
    const red = await t.as(game.host, (tx) => createTeam(tx, game.sessionId, "Red"));
    const blue = await t.as(game.host, (tx) => createTeam(tx, game.sessionId, "Blue"));
    for (const [player, team] of [
      [a, red],
      [b, red],
      [c, blue],
      [d, blue],
    ] as const)
      await t.as(player!.user, (tx) => pickTeam(tx, game.sessionId, team.team.id));
    await game.step("start");
    await game.step("open");
    await game.answer(a!, { choices: [SECRET_OPTION] });
    await game.answer(c!, { choices: [SECRET_OPTION] });
    await game.answer(d!, { choices: ["a"] });
    await game.close();

    const fresh = async () => {
      const [row] = await t.admin`select game.compute_standings(s, 10, false) as top,
        game.compute_team_standings(s, false) as teams from public.sessions s where s.id = ${game.sessionId}`;
      return row as { top: unknown; teams: unknown };
    };
    const seen = async () => {
      const view = await t.as(game.host, (tx) => getLeaderboard(tx, game.sessionId));
      const player = await t.as(b!.user, (tx) => getLeaderboard(tx, game.sessionId));
      return { top: player.top, teams: player.teams, host: view.top.length };
    };
    const cached = async () =>
      (await t.admin`select seq from public.public_standings where session_id = ${game.sessionId}`)[0]?.seq;

    await game.step("reveal");
    expect(await cached()).toBeDefined();
    expect(await seen()).toMatchObject(await fresh());
    await game.step("leaderboard");
    expect(await seen()).toMatchObject(await fresh());

    const late = await t.createUser({ anonymous: true });
    await t.as(late, (tx) => joinSession(tx, { pin: game.pin, nickname: "Latecomer", teamId: red.team.id }));
    expect(await cached()).toBeUndefined();
    expect(await seen()).toMatchObject(await fresh());

    await t.as(game.host, (tx) => kickParticipant(tx, game.sessionId, a!.participantId));
    expect(await cached()).toBeDefined();
    const afterKick = await seen();
    expect(afterKick).toMatchObject(await fresh());
    expect(JSON.stringify(afterKick.top)).not.toContain(a!.participantId);

    await game.step("finish");
    expect(await seen()).toMatchObject(await fresh());
  });
});

describe("the one-round-trip snapshot (getSnapshotAs)", () => {
  test("gives each caller exactly the view the transaction path gives, and refuses strangers", async () => {
    const game = await setupGame(t, { players: 1 });
    await game.step("start");
    await game.step("open");
    for (const user of [game.host, game.players[0]!.user]) {
      const viaTransaction = await t.as(user, (tx) => getSnapshot(tx, game.sessionId));
      const oneTrip = await getSnapshotAs(t.db, user.claims, game.sessionId);
      expect({ ...oneTrip, server_now: null }).toEqual({ ...viaTransaction, server_now: null });
    }
    const stranger = await t.createUser({ anonymous: true });
    expect(await errorCode(getSnapshotAs(t.db, stranger.claims, game.sessionId))).toBe("not_participant");
  });
});
