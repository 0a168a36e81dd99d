import { describe, expect, it } from "vitest";
import { de } from "./de";
import { en } from "./en";
import { format, pickLocale } from "./index";

const keys = (value: object, prefix = ""): string[] =>
  Object.entries(value).flatMap(([k, v]) =>
    typeof v === "object" && v ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );

describe("i18n", () => {
  it("ships German for every English string, and no empty string", () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
    for (const catalog of [en, de]) {
      const values = keys(catalog).map((k) =>
        k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], catalog),
      );
      expect(values.every((v) => typeof v === "string" && v.length > 0)).toBe(true);
    }
  });

  it.each([
    ["de-DE,de;q=0.9,en;q=0.8", "de"],
    ["en-GB", "en"],
    ["fr-FR,fr", "en"],
    [null, "en"],
    ["DE", "de"],
  ])("picks %s → %s", (header, locale) => {
    expect(pickLocale(header)).toBe(locale);
  });

  it("fills placeholders and leaves unknown ones", () => {
    expect(format("{n} of {m} answered {x}", { n: 3, m: 30 })).toBe("3 of 30 answered {x}");
  });
});
