import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { attachScreen, getLeaderboard, getQuestionResults, getSessionReport, getSnapshot, lookupPin } from "@/lib/db";
import { errorCode, startTestDb, type TestDb, type TestUser } from "./harness";
import { SECRET_OPTION, SECRET_TARGET, SECRET_TYPED, setupGame, type Game } from "./fixtures";

/**
 * Promise 2: the answer key stays secret until the reveal — enforced by the database, whatever a client
 * selects or calls. The peer (kahoot-alternative) lets anyone select choices.is_correct; we try every door.
 */

let t: TestDb;
beforeAll(async () => {
  t = await startTestDb();
});
afterAll(async () => {
  await t?.stop();
});

const SECRETS = [
  SECRET_TYPED.toLowerCase(),
  String(SECRET_TARGET),
  "correct_option_ids",
  "accepted_answers",
  "sao tome",
  "são tomé",
];

function expectNoSecret(label: string, value: unknown) {
  const text = JSON.stringify(value ?? null).toLowerCase();
  for (const secret of SECRETS) expect(text.includes(secret.toLowerCase()), `${label} leaks ${secret}`).toBe(false);
}

/** Every table and view a client could name, in the schemas a client can use. */
async function relations(): Promise<string[]> {
  const rows = await t.admin`select format('%I.%I', n.nspname, c.relname) as name from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'v', 'm', 'p', 'f') and n.nspname in ('public', 'realtime', 'game')
    order by 1`;
  return rows.map((row) => row.name as string);
}

async function scanTables(user: TestUser, label: string) {
  for (const name of await relations()) {
    const read = t.as(user, (tx) =>
      tx.unsafe(`select coalesce(jsonb_agg(to_jsonb(r)), '[]'::jsonb) as rows from ${name} r`),
    );
    const rows = await read.then(
      (result) => result[0]!.rows as unknown[],
      () => "denied" as const,
    );
    if (rows === "denied") continue;
    expectNoSecret(`${label}: ${name}`, rows);
    if (name === "public.question_keys" || name === "public.questions") expect(rows, `${label}: ${name}`).toEqual([]);
    if (name === "public.answers") {
      expect(
        (rows as Array<{ is_correct: unknown }>).every((row) => row.is_correct === null),
        `${label}: answers`,
      ).toBe(true);
    }
  }
}

async function scanFunctions(game: Game, user: TestUser, label: string) {
  const questionId = await game.currentQuestionId();
  const reads = {
    snapshot: () => t.as(user, (tx) => getSnapshot(tx, game.sessionId)),
    leaderboard: () => t.as(user, (tx) => getLeaderboard(tx, game.sessionId, 100)),
    lookup: () => t.as(user, (tx) => lookupPin(tx, game.pin)),
    results: () => t.as(user, (tx) => getQuestionResults(tx, game.sessionId, questionId)),
    report: () => t.as(user, (tx) => getSessionReport(tx, game.sessionId)),
  };
  for (const [name, read] of Object.entries(reads)) {
    const value = await read().catch((error: { code?: string }) => ({ refused: error.code }));
    expectNoSecret(`${label}: ${name}`, value);
  }
  expect(await errorCode(reads.results())).toBe("not_host");
  expect(await errorCode(reads.report())).toBe("not_host");
}

describe("before the reveal", () => {
  test("players and screens find no key in any table, view or function, in every state", async () => {
    const game = await setupGame(t, { players: 2 });
    const [p1, p2] = game.players;
    const screen = await t.createUser({ anonymous: true });
    await t.as(screen, (tx) => attachScreen(tx, game.pin));
    const outsider = await t.createUser({ anonymous: true });
    const viewers: Array<[string, TestUser]> = [
      ["player", p1!.user],
      ["screen", screen],
      ["outsider", outsider],
    ];

    const broadcast: unknown[] = [
      await game.step("start"),
      await game.step("next"),
      await game.step("next"),
      await game.step("next"),
    ];
    for (const [label, user] of viewers) await scanTables(user, `${label} in question`);
    broadcast.push(await game.step("open"));
    // Right by folding, yet its own text does not spell the secret as stored.
    await game.answer(p1!, { text: "Zanzi bar-SECRET" });
    await game.answer(p2!, { text: "Paris" });
    for (const [label, user] of viewers) {
      await scanTables(user, `${label} answering`);
      if (label !== "outsider") await scanFunctions(game, user, `${label} answering`);
    }
    broadcast.push((await game.close()).event);
    for (const [label, user] of viewers) {
      await scanTables(user, `${label} locked`);
      if (label !== "outsider") await scanFunctions(game, user, `${label} locked`);
    }
    // Not even the own result leaks while locked: score and answer outcome are from before the close.
    const snapshot = await t.as(p1!.user, (tx) => getSnapshot(tx, game.sessionId));
    if (snapshot.role !== "player") throw new Error("expected a player snapshot");
    expect(snapshot.me).toMatchObject({ score: 0, rank: 1, streak: null, correct_count: null });
    expect(snapshot.my_answer).toMatchObject({ is_correct: null, points: null });
    expect(snapshot.reveal).toBeNull();
    const board = await t.as(p1!.user, (tx) => getLeaderboard(tx, game.sessionId));
    expect(board.top.map((s) => s.score)).toEqual([0, 0]);
    // Events everyone receives before the reveal carry no key.
    broadcast.forEach((event, index) => expectNoSecret(`event ${index}`, event));
  });

  test("the choice key: no event or read before the reveal says which option is right", async () => {
    const game = await setupGame(t, { players: 1 });
    const events = [await game.step("start"), await game.step("open")];
    await game.answer(game.players[0]!, { choices: [SECRET_OPTION] });
    events.push((await game.close()).event);
    const snapshot = await t.as(game.players[0]!.user, (tx) => getSnapshot(tx, game.sessionId));
    for (const value of [...events, snapshot]) {
      const text = JSON.stringify(value);
      expect(text).not.toMatch(/correct_option_ids|"is_correct":true|"distribution":\[/);
    }
  });

  test("only the intended game functions are callable by clients; the helpers that build the key are not", async () => {
    const rows = await t.admin`select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'game' and has_function_privilege('authenticated', p.oid, 'execute') order by 1`;
    expect(rows.map((r) => r.proname as string)).toEqual(
      [
        "answer_grace",
        "answer_key",
        "attach_screen",
        "can_read_own_answer",
        "can_receive",
        "close_question",
        "create_quiz",
        "create_session",
        "create_team",
        "display_name",
        "fail",
        "finish_session",
        "fold_text",
        "is_session_host",
        "is_session_player",
        "is_session_screen",
        "join_session",
        "key_problem",
        "kick_participant",
        "leaderboard",
        "lookup_pin",
        "name_key",
        "next_question",
        "open_question",
        "options_are_valid",
        "pause_question",
        "pick_team",
        "question_results",
        "resume_question",
        "reveal_question",
        "save_quiz",
        "session_report",
        "session_snapshot",
        "show_leaderboard",
        "start_session",
        "strip_invisible",
        "submit_answer",
        "update_session_settings",
        "write_quiz_content",
      ].sort(),
    );
    const anon = await t.admin`select count(*)::int as n from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'game' and has_function_privilege('anon', p.oid, 'execute')`;
    expect(anon[0]!.n).toBe(0);
    const player = (await t.createUsers(1, { anonymous: true }))[0]!;
    expect(await errorCode(t.as(player, (tx) => tx`select game.public_key(gen_random_uuid())`))).toBe("42501");
    expect(await errorCode(t.as(player, (tx) => tx`select * from game.blocked_words`))).toBe("42501");
    expect(await errorCode(t.as({ role: "anon" }, (tx) => tx`select * from public.question_keys`))).toBe("42501");
  });
});

describe("at and after the reveal", () => {
  test("the reveal event and the players' snapshots carry the key; own answers become readable", async () => {
    const game = await setupGame(t, { players: 1 });
    const player = game.players[0]!;
    await game.step("start");
    for (let i = 0; i < 3; i++) await game.step("next");
    await game.step("open");
    await game.answer(player, { text: "sao  TOME" });
    await game.close();
    const revealed = await game.step("reveal");
    expect(revealed).toMatchObject({
      type: "question_revealed",
      key: { accepted_answers: [SECRET_TYPED, "São Tomé"] },
    });
    const snapshot = await t.as(player.user, (tx) => getSnapshot(tx, game.sessionId));
    if (snapshot.role !== "player") throw new Error("expected a player snapshot");
    expect(snapshot.reveal?.key.accepted_answers).toContain(SECRET_TYPED);
    expect(snapshot.my_answer).toMatchObject({ is_correct: true, points: 2000 });
    expect(snapshot.me).toMatchObject({ score: 2000, streak: 1, correct_count: 1 });
    const own = await t.as(player.user, (tx) => tx`select is_correct, points from public.answers`);
    expect(own).toEqual([{ is_correct: true, points: 2000 }]);
    // The key table itself stays the host's alone, for ever.
    expect(await t.as(player.user, (tx) => tx`select * from public.question_keys`)).toEqual([]);
  });

  test("the host reads the keys of their own questions at any time, and no one else's", async () => {
    const game = await setupGame(t);
    const keys = await t.as(
      game.host,
      (tx) =>
        tx`select k.* from public.question_keys k join public.questions q on q.id = k.question_id where q.quiz_id = ${game.quizId}`,
    );
    expect(keys).toHaveLength(5);
    const otherHost = await t.createUser();
    expect(await t.as(otherHost, (tx) => tx`select * from public.question_keys`)).toEqual([]);
    const hostSnapshot = await t.as(game.host, (tx) => getSnapshot(tx, game.sessionId));
    expect(hostSnapshot.role).toBe("host");
    await game.step("start");
    const live = await t.as(game.host, (tx) => getSnapshot(tx, game.sessionId));
    expect(live.role === "host" && live.host?.key.correct_option_ids).toEqual([SECRET_OPTION]);
    // The host's laptop on the projector: the screen view has no key.
    const projector = await t.as(game.host, (tx) => getSnapshot(tx, game.sessionId, "screen"));
    expect(projector.role).toBe("screen");
    expect(JSON.stringify(projector)).not.toContain("correct_option_ids");
  });
});
