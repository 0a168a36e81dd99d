import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BLOCKED_WORDS, checkName } from "@/lib/game/nickname";
import { answerPoints, streakBonus, type Credit } from "@/lib/game/scoring";
import { answerKey, displayName, nameKey } from "@/lib/game/text";
import { startTestDb, type TestDb } from "./harness";

/** The TypeScript mirrors in lib/game agree with the SQL that decides. */

let t: TestDb;
beforeAll(async () => {
  t = await startTestDb();
});
afterAll(async () => {
  await t?.stop();
});

async function sqlCheckName(
  raw: string,
): Promise<{ ok: true; display: string; key: string } | { ok: false; code: string }> {
  try {
    const [row] = await t.admin`select display, key from game.check_name(${raw})`;
    return { ok: true, display: row!.display, key: row!.key };
  } catch (error) {
    return { ok: false, code: (error as Error).message };
  }
}

const ACCEPTED = [
  "Bob",
  "  Zoë  ",
  "Ａｌｉｃｅ",
  "O'Brien",
  "Player 45",
  "Player 455",
  "Dickens",
  "Class act",
  "Mass Effect",
  "Sussex",
  "Scott",
  "Hancock",
  "Cockney",
  "Assassin",
  "Bass",
  "Glasgow",
  "Titanic",
  "Analyst",
  "Therapist",
  "Grape",
  "Łukasz",
  "Æsir",
  "straße",
  "🙂🙂",
  "a\u200Bb",
  "Team\tRocket",
  "Ｂｏｂ\u3000Ｓ",
  "1337",
  "45",
  "Zoë\u00A0 Q",
  "José María",
];
const REJECTED = [
  "fuck",
  "FUCK",
  "f.u.c.k",
  "f u c k",
  "fuuuuck",
  "fück",
  "ｆｕｃｋ",
  "f\u200Bu\u200Bc\u200Bk",
  "sh1t",
  "$h!t",
  "a55",
  "a.s.s",
  "Dick",
  "b1tch",
  "c0ck",
  "Motherfucker99",
  "N4zi",
  "h1tler",
  "5lut",
  "tw@t",
  "Big Dick",
  "ass hat",
  "S.H.I.T.",
  "phuck shit",
  "NIGG4",
  "p3n1s",
  "Wanker",
  "c u n t",
];
const INVALID = ["a", "", "   ", "\u200B\u200B\u200B", "x".repeat(21), "🙂", "\u202Eab\u202C".slice(0, 2), " . "];

describe("names", () => {
  test.each(ACCEPTED)("%j is accepted by both, with the same display and key", async (raw) => {
    const ts = checkName(raw);
    expect(ts.ok).toBe(true);
    expect(await sqlCheckName(raw)).toEqual(ts);
  });

  test.each(REJECTED)("%j is rejected by both (name_rejected)", async (raw) => {
    expect(checkName(raw)).toMatchObject({ ok: false, code: "name_rejected" });
    expect(await sqlCheckName(raw)).toEqual({ ok: false, code: "name_rejected" });
  });

  test.each(INVALID)("%j is invalid for both (name_invalid)", async (raw) => {
    expect(checkName(raw)).toMatchObject({ ok: false, code: "name_invalid" });
    expect(await sqlCheckName(raw)).toEqual({ ok: false, code: "name_invalid" });
  });

  test("folding functions agree character for character", async () => {
    const samples = [...ACCEPTED, ...REJECTED, "ÀÉÎÕÜ àéîõü ÇÑ", "ǅemal Ǉ", "ﬁnal ﬂow", "x²", "Øre Đ ð Ħ ı Ŧ þ Þ ẞ Œ"];
    for (const raw of samples) {
      const [row] =
        await t.admin`select game.display_name(${raw}) as display, game.name_key(game.display_name(${raw})) as key,
        game.answer_key(${raw}) as answer`;
      expect({ raw, ...row }).toEqual({
        raw,
        display: displayName(raw),
        key: nameKey(displayName(raw)),
        answer: answerKey(raw),
      });
    }
  });

  test("the blocked word lists are the same", async () => {
    const rows = await t.admin`select word, match from game.blocked_words order by word`;
    expect(rows.map((r) => ({ word: r.word, match: r.match }))).toEqual(
      [...BLOCKED_WORDS].sort((a, b) => (a.word < b.word ? -1 : 1)),
    );
  });
});

describe("points", () => {
  test("answer_points agrees with answerPoints on a grid of points × limits × times × credits", async () => {
    const credits: Array<[string, string]> = [
      ["1", "1"],
      ["0", "1"],
      ["2", "3"],
      ["1", "3"],
      ["49.999", "50"],
      ["0.5", "50"],
      ["7", "7"],
      ["0.001", "0.003"],
    ];
    const cases: Array<{ points: number; limit: number; elapsed: number; num: string; den: string }> = [];
    for (const points of [0, 1000, 2000]) {
      for (const limit of [5_000, 20_000, 30_000, 240_000]) {
        for (const elapsed of [0, 499, 500, 501, 540, 1_234, limit / 2, limit - 1, limit, limit + 999]) {
          for (const [num, den] of credits) cases.push({ points, limit, elapsed, num, den });
        }
      }
    }
    const rows = await t.admin`select game.answer_points(c.points, c.limit_ms, c.elapsed, c.num, c.den) as points
      from unnest(${cases.map((c) => c.points)}::int[], ${cases.map((c) => c.limit)}::int[], ${cases.map((c) => c.elapsed)}::int[],
                  ${cases.map((c) => c.num)}::numeric[], ${cases.map((c) => c.den)}::numeric[]) with ordinality
           as c(points, limit_ms, elapsed, num, den, n)
      order by c.n`;
    const scale = (x: string) =>
      BigInt(x.replace(".", "").replace(/^0+(?=\d)/, "")) * 10n ** BigInt(3 - (x.split(".")[1]?.length ?? 0));
    const mismatches = cases.filter((c, i) => {
      const credit: Credit = { num: scale(c.num), den: scale(c.den) };
      return answerPoints(c.points, c.limit, c.elapsed, credit) !== rows[i]!.points;
    });
    expect(cases.length).toBe(960);
    expect(mismatches).toEqual([]);
  });

  test("streak_bonus agrees with streakBonus", async () => {
    const rows = await t.admin`select s, game.streak_bonus(s) as bonus from generate_series(0, 9) s order by s`;
    expect(rows.map((r) => r.bonus)).toEqual(rows.map((r) => streakBonus(r.s)));
    expect(rows.map((r) => r.bonus)).toEqual([0, 100, 200, 300, 400, 500, 500, 500, 500, 500]);
  });
});
