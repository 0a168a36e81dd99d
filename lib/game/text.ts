/**
 * Text folding shared by nicknames, team names and typed answers. An exact mirror of the SQL functions in
 * supabase/migrations/20261122000100_create_game_schema.sql (game.strip_invisible, game.fold_text,
 * game.display_name, game.name_key, game.answer_key); supabase/tests/mirror.test.ts checks they agree.
 * lower()/toLowerCase() are not used: their result depends on locale (the database's) and Unicode version.
 */

const SPACES = /[\t\n\r\f\v\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/g;
// Postgres text cannot hold U+0000; it is stripped here too so that the browser agrees.
const INVISIBLE =
  /[\u0000-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/g;
const COMBINING_MARKS = /[\u0300-\u036F]/g;
const ASCII_WHITESPACE_RUN = /[ \t\n\r\f\v]+/g;

const MULTI_LETTER: ReadonlyArray<[string, string]> = [
  ["ß", "ss"],
  ["ẞ", "ss"],
  ["Æ", "ae"],
  ["æ", "ae"],
  ["Œ", "oe"],
  ["œ", "oe"],
  ["Þ", "th"],
  ["þ", "th"],
];
const FOLD_FROM = "ABCDEFGHIJKLMNOPQRSTUVWXYZØøŁłĐđÐðĦħıŦŧ";
const FOLD_TO = "abcdefghijklmnopqrstuvwxyzoollddddhhitt";

/** SQL's translate(): each character of `from` becomes the one at the same place in `to`. */
export function translate(text: string, from: string, to: string): string {
  const fromChars = [...from];
  const toChars = [...to];
  const map = new Map<string, string>();
  fromChars.forEach((char, index) => {
    if (!map.has(char)) map.set(char, toChars[index] ?? "");
  });
  let out = "";
  for (const char of text) out += map.get(char) ?? char;
  return out;
}

function trimSpaces(text: string): string {
  return text.replace(/^ +| +$/g, "");
}

export function stripInvisible(text: string): string {
  return text.replace(SPACES, " ").replace(INVISIBLE, "");
}

/** Case and accent folding (NFKD, combining marks dropped, a fixed table for letters that do not decompose). */
export function foldText(text: string): string {
  let folded = stripInvisible(text).normalize("NFKD").replace(COMBINING_MARKS, "");
  for (const [from, to] of MULTI_LETTER) folded = folded.replaceAll(from, to);
  return translate(folded, FOLD_FROM, FOLD_TO);
}

/** How a name is displayed: invisible characters removed, NFC, whitespace collapsed, trimmed. */
export function displayName(raw: string): string {
  return trimSpaces(stripInvisible(raw).normalize("NFC").replace(ASCII_WHITESPACE_RUN, " "));
}

/** The uniqueness key of a name: folded, whitespace collapsed, trimmed ("  Zoë " and "zoe" collide). */
export function nameKey(display: string): string {
  return trimSpaces(foldText(display).replace(ASCII_WHITESPACE_RUN, " "));
}

/** A typed answer as compared with the accepted ones: folded, all whitespace removed. */
export function answerKey(text: string): string {
  return foldText(text).replace(ASCII_WHITESPACE_RUN, "");
}

/** Length in characters as Postgres counts them (code points). */
export function charLength(text: string): number {
  return [...text].length;
}
