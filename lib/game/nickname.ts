import { charLength, displayName, nameKey, translate } from "./text";

/**
 * Nickname and team-name rules, mirrored from game.check_name / game.name_is_blocked (SQL is the authority;
 * this copy lets the join form answer before a round trip). supabase/tests/mirror.test.ts keeps them equal.
 */

export const NAME_MIN_LENGTH = 2;
export const NAME_MAX_LENGTH = 20;

export type BlockedWord = { word: string; match: "contains" | "word" };

/**
 * Blocked words in skeleton form (letters only, repeated letters collapsed: "asshole" → "ashole").
 * `contains`: anywhere in the name. `word`: short words that hide inside innocent ones ("class", "Dickens"),
 * matched only as a whole token or as the whole name.
 */
export const BLOCKED_WORDS: readonly BlockedWord[] = [
  ...[
    "fuck",
    "shit",
    "cunt",
    "bitch",
    "whore",
    "slut",
    "wank",
    "twat",
    "bastard",
    "ashole",
    "niga",
    "fagot",
    "retard",
    "porn",
    "penis",
    "vagina",
    "dildo",
    "jiz",
    "nazi",
    "hitler",
    "bolocks",
    "belend",
    "pusy",
    "motherfucker",
  ].map((word) => ({ word, match: "contains" as const })),
  ...[
    "as",
    "arse",
    "dick",
    "cock",
    "tit",
    "tits",
    "cum",
    "anal",
    "anus",
    "fag",
    "niger",
    "kike",
    "spic",
    "chink",
    "prick",
    "pis",
    "rape",
    "rapist",
    "wog",
    "coon",
    "homo",
  ].map((word) => ({ word, match: "word" as const })),
];

// Two readings of the ambiguous leetspeak characters ("1" is an i or an l).
const LEET_FROM = "01345789@$!|+";
const LEET_READINGS = ["oieastbgasilt", "oleastbgaslit"];

const HAS_LETTER = /[a-z]/;
const skeletonOf = (text: string, reading: string) =>
  translate(text, LEET_FROM, reading)
    .replace(/[^a-z]/g, "")
    .replace(/(.)\1+/g, "$1");

/**
 * Whether a name (as its nameKey) is blocked; handles leetspeak, separators, repeats, accents, widths.
 * Leetspeak is read only where there are letters too, so "Player 45" is not "Player as".
 */
export function isNameBlocked(key: string): boolean {
  const rawTokens = key.split(/[^a-z0-9@$!|+]+/).filter((token) => HAS_LETTER.test(token));
  for (const reading of LEET_READINGS) {
    const skeleton = HAS_LETTER.test(key) ? skeletonOf(key, reading) : null;
    const tokens = rawTokens.map((token) => skeletonOf(token, reading));
    for (const { word, match } of BLOCKED_WORDS) {
      if (match === "contains" && skeleton?.includes(word)) return true;
      if (match === "word" && (skeleton === word || tokens.includes(word))) return true;
    }
  }
  return false;
}

export type NameCheck =
  { ok: true; display: string; key: string } | { ok: false; code: "name_invalid" | "name_rejected"; message: string };

/** Validates a nickname or team name exactly as game.check_name does. */
export function checkName(raw: string): NameCheck {
  const display = displayName(raw);
  const length = charLength(display);
  if (length < NAME_MIN_LENGTH || length > NAME_MAX_LENGTH) {
    return { ok: false, code: "name_invalid", message: "A name must be 2 to 20 characters long" };
  }
  const key = nameKey(display);
  if (key === "") return { ok: false, code: "name_invalid", message: "A name must contain visible characters" };
  if (isNameBlocked(key)) return { ok: false, code: "name_rejected", message: "That name is not allowed" };
  return { ok: true, display, key };
}
