import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { asCaller, createDb, createQuiz, createSession, saveQuiz, toGameError } from "@/lib/db";
import { errorCode, startTestDb, type TestDb, type TestUser } from "./harness";
import { sampleQuiz } from "./fixtures";

let t: TestDb;
let hostA: TestUser;
let hostB: TestUser;
let player: TestUser;
let quizA: string;
beforeAll(async () => {
  t = await startTestDb();
  hostA = await t.createUser();
  hostB = await t.createUser();
  player = await t.createUser({ anonymous: true });
  quizA = await t.as(hostA, (tx) => createQuiz(tx, sampleQuiz()));
});
afterAll(async () => {
  await t?.stop();
});

describe("asCaller", () => {
  test("role and claims apply inside the transaction and are gone after it, on the same connection", async () => {
    const single = createDb(t.url, { max: 1 });
    try {
      const inside = await asCaller(
        single,
        hostA.claims,
        (tx) => tx`select current_user as role, auth.uid() as uid, auth.jwt() ->> 'is_anonymous' as anonymous`,
      );
      expect(inside[0]).toEqual({ role: "authenticated", uid: hostA.id, anonymous: "false" });
      const after = await single`select current_user as role, auth.uid() as uid`;
      expect(after[0]!.role).not.toBe("authenticated");
      expect(after[0]!.uid).toBeNull();
    } finally {
      await single.end();
    }
  });

  test("only anon, authenticated and service_role are accepted as roles", async () => {
    await expect(asCaller(t.db, { role: "postgres" } as never, async () => 1)).rejects.toThrow();
    await expect(asCaller(t.db, { role: "authenticated", sub: "not-a-uuid" }, async () => 1)).rejects.toThrow();
  });
});

describe("quizzes, rounds, questions and keys", () => {
  test("the host reads their whole quiz, key included", async () => {
    const rows = await t.as(
      hostA,
      (tx) => tx`select
      (select count(*)::int from public.quizzes where id = ${quizA}) as quizzes,
      (select count(*)::int from public.rounds where quiz_id = ${quizA}) as rounds,
      (select count(*)::int from public.questions where quiz_id = ${quizA}) as questions,
      (select count(*)::int from public.question_keys k join public.questions q on q.id = k.question_id where q.quiz_id = ${quizA}) as keys`,
    );
    expect(rows[0]).toEqual({ quizzes: 1, rounds: 2, questions: 5, keys: 5 });
  });

  test("another host and players see none of it", async () => {
    for (const user of [hostB, player]) {
      const rows = await t.as(
        user,
        (tx) => tx`select
        (select count(*)::int from public.quizzes) as quizzes, (select count(*)::int from public.rounds) as rounds,
        (select count(*)::int from public.questions) as questions, (select count(*)::int from public.question_keys) as keys`,
      );
      expect(rows[0]).toEqual({ quizzes: 0, rounds: 0, questions: 0, keys: 0 });
    }
  });

  test("the host edits and deletes their own rows; another host changes nothing", async () => {
    const mine = await t.as(hostA, (tx) => createQuiz(tx, sampleQuiz({ title: "Disposable" })));
    const edited = await t.as(
      hostA,
      (tx) => tx`update public.quizzes set title = 'Renamed' where id = ${mine} returning id`,
    );
    expect(edited).toHaveLength(1);
    for (const statement of [
      (tx: Parameters<Parameters<TestDb["as"]>[1]>[0]) =>
        tx`update public.quizzes set title = 'Hijacked' where id = ${mine} returning id`,
      (tx: Parameters<Parameters<TestDb["as"]>[1]>[0]) =>
        tx`update public.questions set prompt = 'Hijacked' where quiz_id = ${mine} returning id`,
      (tx: Parameters<Parameters<TestDb["as"]>[1]>[0]) =>
        tx`update public.question_keys set correct_option_ids = '{a}' returning question_id`,
      (tx: Parameters<Parameters<TestDb["as"]>[1]>[0]) =>
        tx`delete from public.rounds where quiz_id = ${mine} returning id`,
      (tx: Parameters<Parameters<TestDb["as"]>[1]>[0]) =>
        tx`delete from public.quizzes where id = ${mine} returning id`,
    ]) {
      expect(await t.as(hostB, statement)).toHaveLength(0);
    }
    const deleted = await t.as(hostA, (tx) => tx`delete from public.quizzes where id = ${mine} returning id`);
    expect(deleted).toHaveLength(1);
  });

  test("nobody writes into another host's quiz or takes someone else's identity", async () => {
    const question = (await t.admin`select id from public.questions where quiz_id = ${quizA} limit 1`)[0]!.id as string;
    const intoForeignQuiz = t.as(
      hostB,
      (tx) => tx`insert into public.questions (quiz_id, position, kind, prompt)
      values (${quizA}, 99, 'typed', 'Mine now')`,
    );
    expect(await errorCode(intoForeignQuiz)).toBe("42501");
    const foreignKey = t.as(
      hostB,
      (tx) => tx`insert into public.question_keys (question_id) values (${question})
      on conflict (question_id) do update set correct_option_ids = '{a}'`,
    );
    expect(await errorCode(foreignKey)).toBe("42501");
    const spoofedOwner = t.as(
      hostB,
      (tx) => tx`insert into public.quizzes (host_id, title) values (${hostA.id}, 'Spoof')`,
    );
    expect(await errorCode(spoofedOwner)).toBe("42501");
    const ownQuiz = await t.as(hostB, (tx) => tx`insert into public.quizzes (title) values ('Mine') returning host_id`);
    expect(ownQuiz[0]!.host_id).toBe(hostB.id);
  });

  test("anonymous sign-ins cannot write quizzes", async () => {
    expect(await errorCode(t.as(player, (tx) => createQuiz(tx, sampleQuiz())))).toBe("not_host");
    const direct = t.as(player, (tx) => tx`insert into public.quizzes (title) values ('Anon quiz')`);
    expect(await errorCode(direct)).toBe("42501");
  });

  test.each([
    [
      "one option",
      { kind: "single", prompt: "?", options: [{ id: "a", text: "A" }], key: { correct_option_ids: ["a"] } },
    ],
    [
      "seven options",
      {
        kind: "multi",
        prompt: "?",
        options: "abcdefg".split("").map((id) => ({ id, text: id })),
        key: { correct_option_ids: ["a"] },
      },
    ],
    [
      "duplicate option ids",
      {
        kind: "single",
        prompt: "?",
        options: [
          { id: "a", text: "A" },
          { id: "a", text: "B" },
        ],
        key: { correct_option_ids: ["a"] },
      },
    ],
    ["a 300 s limit", { kind: "true_false", prompt: "?", time_limit_s: 300, key: { correct_option_ids: ["true"] } }],
    ["500 points", { kind: "true_false", prompt: "?", points: 500, key: { correct_option_ids: ["true"] } }],
    [
      "a key naming a missing option",
      {
        kind: "single",
        prompt: "?",
        options: [
          { id: "a", text: "A" },
          { id: "b", text: "B" },
        ],
        key: { correct_option_ids: ["z"] },
      },
    ],
    [
      "two right answers to a single",
      {
        kind: "single",
        prompt: "?",
        options: [
          { id: "a", text: "A" },
          { id: "b", text: "B" },
        ],
        key: { correct_option_ids: ["a", "b"] },
      },
    ],
    ["a typed question without answers", { kind: "typed", prompt: "?", key: { accepted_answers: [" "] } }],
    ["a numeric question without tolerance", { kind: "numeric", prompt: "?", key: { target: 3 } }],
    [
      "options on a typed question",
      {
        kind: "typed",
        prompt: "?",
        options: [
          { id: "a", text: "A" },
          { id: "b", text: "B" },
        ],
        key: { accepted_answers: ["x"] },
      },
    ],
  ])("a quiz with %s is refused (quiz_invalid) and nothing is stored", async (_, question) => {
    const before = await t.admin`select count(*)::int as n from public.quizzes`;
    const attempt = t.as(hostA, (tx) => createQuiz(tx, { title: "Bad", questions: [question as never] }));
    expect(await errorCode(attempt)).toBe("quiz_invalid");
    expect(await t.admin`select count(*)::int as n from public.quizzes`).toEqual(before);
  });
});

describe("sessions", () => {
  test("a host starts sessions of their own quiz only, each with a fresh 6-digit PIN", async () => {
    const first = await t.as(hostA, (tx) => createSession(tx, { quizId: quizA }));
    const second = await t.as(hostA, (tx) => createSession(tx, { quizId: quizA, teamsEnabled: true }));
    expect(first.session.pin).toMatch(/^[1-9]\d{5}$/);
    expect(second.session.pin).not.toBe(first.session.pin);
    expect(second.session).toMatchObject({
      state: "lobby",
      seq: 0,
      question_count: 5,
      teams_enabled: true,
      question_index: -1,
    });
    expect(await errorCode(t.as(hostB, (tx) => createSession(tx, { quizId: quizA })))).toBe("quiz_not_found");
    expect(await errorCode(t.as(player, (tx) => createSession(tx, { quizId: quizA })))).toBe("not_host");
  });

  test("a quiz without questions, or with a question without a key, cannot be played", async () => {
    const [empty] = await t.as(hostA, (tx) => tx`insert into public.quizzes (title) values ('Empty') returning id`);
    expect(await errorCode(t.as(hostA, (tx) => createSession(tx, { quizId: empty!.id })))).toBe("quiz_invalid");
    await t.as(
      hostA,
      (tx) =>
        tx`insert into public.questions (quiz_id, position, kind, prompt) values (${empty!.id}, 0, 'typed', 'No key')`,
    );
    expect(await errorCode(t.as(hostA, (tx) => createSession(tx, { quizId: empty!.id })))).toBe("quiz_invalid");
  });

  test("PINs are unique among live sessions only", async () => {
    const { session } = await t.as(hostA, (tx) => createSession(tx, { quizId: quizA }));
    const clash = t.admin`insert into public.sessions (quiz_id, host_id, title, pin, question_ids)
      select quiz_id, host_id, title, pin, question_ids from public.sessions where id = ${session.id}`;
    expect(await errorCode(clash)).toBe("23505");
    await t.admin`update public.sessions set state = 'finished' where id = ${session.id}`;
    await t.admin`insert into public.sessions (quiz_id, host_id, title, pin, question_ids)
      select quiz_id, host_id, title, pin, question_ids from public.sessions where id = ${session.id}`;
  });

  test("hosts read their own sessions; nobody writes sessions, participants or answers directly", async () => {
    const { session } = await t.as(hostA, (tx) => createSession(tx, { quizId: quizA }));
    expect(await t.as(hostA, (tx) => tx`select id from public.sessions where id = ${session.id}`)).toHaveLength(1);
    expect(await t.as(hostB, (tx) => tx`select id from public.sessions where id = ${session.id}`)).toHaveLength(0);
    expect(await t.as(player, (tx) => tx`select id from public.sessions`)).toHaveLength(0);
    for (const attempt of [
      () => t.as(hostA, (tx) => tx`update public.sessions set state = 'finished' where id = ${session.id}`),
      () =>
        t.as(
          hostA,
          (tx) =>
            tx`insert into public.participants (session_id, user_id, nickname, nickname_key) values (${session.id}, ${player.id}, 'X', 'x')`,
        ),
      () =>
        t.as(
          player,
          (tx) =>
            tx`insert into public.participants (session_id, user_id, nickname, nickname_key) values (${session.id}, ${player.id}, 'X', 'x')`,
        ),
      () => t.as(hostA, (tx) => tx`update public.participants set score = 99999`),
      () =>
        t.as(hostA, (tx) => tx`insert into public.teams (session_id, name, name_key) values (${session.id}, 'T', 't')`),
      () =>
        t.as(player, (tx) => tx`insert into public.screens (session_id, user_id) values (${session.id}, ${player.id})`),
    ]) {
      expect(await errorCode(attempt())).toBe("42501");
    }
    const remove = (user: TestUser) =>
      t.as(user, (tx) => tx`delete from public.sessions where id = ${session.id} returning id`);
    expect(await remove(hostA)).toHaveLength(0); // still live
    await t.admin`update public.sessions set state = 'finished' where id = ${session.id}`;
    expect(await remove(hostB)).toHaveLength(0);
    expect(await remove(player)).toHaveLength(0);
    expect(await remove(hostA)).toHaveLength(1);
  });
});

describe("game.save_quiz", () => {
  const questionCount = (quizId: string) =>
    t.as(hostA, (tx) => tx`select count(*)::int as n from public.questions where quiz_id = ${quizId}`);

  test("the owner replaces title, rounds and questions in one call", async () => {
    const quizId = await t.as(hostA, (tx) => createQuiz(tx, sampleQuiz({ title: "Before" })));
    const edited = sampleQuiz({ title: "After", rounds: [{ title: "Only round" }] });
    const trimmed = { ...edited, questions: edited.questions.slice(0, 2).map((q) => ({ ...q, round: 0 })) };
    expect(await t.as(hostA, (tx) => saveQuiz(tx, quizId, trimmed))).toBe(quizId);
    const rows = await t.as(
      hostA,
      (tx) => tx`select q.title, (select count(*)::int from public.rounds where quiz_id = q.id) as rounds
                 from public.quizzes q where q.id = ${quizId}`,
    );
    expect(rows[0]).toEqual({ title: "After", rounds: 1 });
    expect((await questionCount(quizId))[0]).toEqual({ n: 2 });
  });

  test("an invalid quiz changes nothing", async () => {
    const quizId = await t.as(hostA, (tx) => createQuiz(tx, sampleQuiz()));
    const broken = sampleQuiz({ questions: [{ kind: "single", prompt: "No key", key: {} }] });
    expect(await errorCode(t.as(hostA, (tx) => saveQuiz(tx, quizId, broken)))).toBe("quiz_invalid");
    expect((await questionCount(quizId))[0]).toEqual({ n: 5 });
  });

  test("another host and players cannot save someone else's quiz", async () => {
    for (const user of [hostB, player]) {
      const code = await errorCode(t.as(user, (tx) => saveQuiz(tx, quizA, sampleQuiz({ title: "Hijacked" }))));
      expect(["quiz_not_found", "not_host"]).toContain(code);
    }
    const rows = await t.as(hostA, (tx) => tx`select title from public.quizzes where id = ${quizA}`);
    expect(rows[0]!.title).not.toBe("Hijacked");
  });

  test("a running session blocks editing until it is finished", async () => {
    const quizId = await t.as(hostA, (tx) => createQuiz(tx, sampleQuiz()));
    const session = await t.as(hostA, (tx) => createSession(tx, { quizId }));
    expect(await errorCode(t.as(hostA, (tx) => saveQuiz(tx, quizId, sampleQuiz({ title: "Live edit" }))))).toBe(
      "invalid_state",
    );
    await t.admin`update public.sessions set state = 'finished' where id = ${session.session.id}`;
    expect(await t.as(hostA, (tx) => saveQuiz(tx, quizId, sampleQuiz({ title: "Later edit" })))).toBe(quizId);
  });

  test("the shared writer, called directly, cannot touch a live quiz or someone else's", async () => {
    const write = (user: typeof hostA, quizId: string) =>
      errorCode(
        t
          .as(
            user,
            (tx) => tx`select game.write_quiz_content(${quizId}::uuid, ${JSON.stringify(sampleQuiz())}::text::jsonb)`,
          )
          .catch((error: unknown) => {
            throw toGameError(error) ?? error;
          }),
      );
    const quizId = await t.as(hostA, (tx) => createQuiz(tx, sampleQuiz()));
    await t.as(hostA, (tx) => createSession(tx, { quizId }));
    expect(await write(hostA, quizId)).toBe("invalid_state");
    expect((await questionCount(quizId))[0]).toEqual({ n: 5 });
    // Another host's write is refused by RLS (the insert violates the policy).
    const other = await t.as(hostA, (tx) => createQuiz(tx, sampleQuiz()));
    expect(await write(hostB, other)).toBe("42501");
    expect((await questionCount(other))[0]).toEqual({ n: 5 });
  });
});
