import { describe, expect, test } from "vitest";
import { answerKey, charLength, displayName, foldText, nameKey, stripInvisible, translate } from "./text";

describe("text folding", () => {
  test.each([
    ["Zoë", "Zoe".replace("Z", "z")],
    ["ÉCOLE", "ecole"],
    ["Straße", "strasse"],
    ["Łódź", "lodz"],
    ["Ｆｕｌｌ", "full"],
    ["ﬁne", "fine"],
    ["Æsir Œuvre", "aesir oeuvre"],
    ["a\u200Bb\u00ADc", "abc"],
    ["x²", "x2"],
    ["ПРИВЕТ", "ПРИВЕТ"], // outside the fixed table: unchanged, as in SQL
  ])("foldText(%j) = %j", (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  test.each([
    ["  Zoë  ", "Zoë"],
    ["a\t\nb", "a b"],
    ["a\u00A0\u00A0b", "a b"],
    ["e\u0301", "é"],
    ["\u202Eevil\u202C", "evil"],
  ])("displayName(%j) = %j", (input, expected) => {
    expect(displayName(input)).toBe(expected);
  });

  test("nameKey collides case, accent, width and spacing variants", () => {
    const keys = ["Zoë Smith", "zoe smith", "ZOE   SMITH", "Ｚｏｅ Ｓｍｉｔｈ"].map((raw) => nameKey(displayName(raw)));
    expect(new Set(keys)).toEqual(new Set(["zoe smith"]));
  });

  test("answerKey ignores case, accents and all whitespace", () => {
    expect(answerKey("  São   Tomé ")).toBe("saotome");
    expect(answerKey("sao tome")).toBe(answerKey("SAOTOMÉ"));
    expect(answerKey("Paris.")).not.toBe(answerKey("Paris"));
  });

  test("helpers", () => {
    expect(translate("hello", "lo", "01")).toBe("he001");
    expect(stripInvisible("a\u2003b")).toBe("a b");
    expect(charLength("🙂🙂")).toBe(2);
  });
});
