import { describe, expect, test } from "vitest";
import { checkName, isNameBlocked } from "./nickname";
import { nameKey } from "./text";

const blocked = (raw: string) => isNameBlocked(nameKey(raw));

describe("checkName", () => {
  test.each([
    ["Bob", "Bob", "bob"],
    ["  Zoë  ", "Zoë", "zoe"],
    ["Team\tRocket", "Team Rocket", "team rocket"],
    ["🙂🙂", "🙂🙂", "🙂🙂"],
    ["Ｂｏｂ", "Ｂｏｂ", "bob"],
  ])("%j is accepted as %j (key %j)", (raw, display, key) => {
    expect(checkName(raw)).toEqual({ ok: true, display, key });
  });

  test.each(["a", "", "   ", "\u200B\u200B\u200B", "x".repeat(21), "🙂", "\u3164\u3164"])(
    "%j is name_invalid",
    (raw) => {
      expect(checkName(raw)).toMatchObject({ ok: false, code: "name_invalid" });
    },
  );

  test("20 characters is the longest name", () => {
    expect(checkName("x".repeat(20)).ok).toBe(true);
  });
});

describe("the profanity filter", () => {
  test.each([
    ["fuck", "plain"],
    ["FUCK", "case"],
    ["fück", "accent"],
    ["ｆｕｃｋ", "full width"],
    ["f\u200Bu\u200Bc\u200Bk", "zero-width"],
    ["f.u.c.k", "dots"],
    ["f u c k", "spaces"],
    ["f_u-c*k", "mixed separators"],
    ["fuuuuuck", "repeated letters"],
    ["sh1t", "leet 1 as i"],
    ["5lut", "leet 5"],
    ["$h!t", "symbols"],
    ["b1tch", "leet"],
    ["a55", "leet short word"],
    ["a.s.s", "separated short word"],
    ["Big Dick", "short word as a token"],
    ["Motherfucker99", "suffix"],
    ["tw@t", "at sign"],
    ["P3N1S", "upper leet"],
  ])("blocks %j (%s)", (raw) => {
    expect(blocked(raw)).toBe(true);
    expect(checkName(raw)).toMatchObject({ ok: false, code: "name_rejected" });
  });

  test.each([
    "Player 45",
    "Dickens",
    "Class act",
    "Mass Effect",
    "Sussex",
    "Hancock",
    "Cockney",
    "Assassin",
    "Glasgow",
    "Titanic",
    "Analyst",
    "Therapist",
    "Grape",
    "Bass",
    "1337",
    "45",
  ])("lets %j through (no Scunthorpe trouble for short words)", (raw) => {
    expect(blocked(raw)).toBe(false);
  });
});
