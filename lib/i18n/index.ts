import { de } from "./de";
import { en, type Messages } from "./en";

export const LOCALES = ["en", "de"] as const;
export type Locale = (typeof LOCALES)[number];
export type { Messages };

const catalogs: Record<Locale, Messages> = { en, de };

/** The cookie the language switcher sets; it wins over the browser's Accept-Language. */
export const LOCALE_COOKIE = "locale";

/** Each language named in itself, as the switcher lists it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", de: "Deutsch" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
}

/** The best supported locale for an Accept-Language header (or a stored preference). */
export function pickLocale(preferred: string | null | undefined): Locale {
  for (const part of (preferred ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase().slice(0, 2);
    if (tag && (LOCALES as readonly string[]).includes(tag)) return tag as Locale;
  }
  return "en";
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}
