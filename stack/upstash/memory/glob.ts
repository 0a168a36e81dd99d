/**
 * Redis glob patterns (KEYS, SCAN MATCH): `*`, `?`, `[abc]`, `[^a]`, `[a-z]`, `\x`. Compiled once to a
 * predicate; plain `prefix*` patterns (the common case) become a `startsWith`.
 */
export type Matcher = (key: string) => boolean;

const cache = new Map<string, Matcher>();
const SPECIAL = /[*?[\\]/;
const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/;

export function globMatcher(pattern: string): Matcher {
  let matcher = cache.get(pattern);
  if (!matcher) {
    matcher = compile(pattern);
    if (cache.size >= 256) cache.clear();
    cache.set(pattern, matcher);
  }
  return matcher;
}

function compile(pattern: string): Matcher {
  if (pattern === "*") return () => true;
  if (!SPECIAL.test(pattern)) return (key) => key === pattern;
  const body = pattern.slice(0, -1);
  if (pattern.endsWith("*") && !SPECIAL.test(body)) return (key) => key.startsWith(body);
  const regex = new RegExp(`^${toRegexSource(pattern)}$`, "su");
  return (key) => regex.test(key);
}

/** A literal character in the regex ("u" mode allows escaping only syntax characters, and "-" in a class). */
const lit = (ch: string, inClass = false) => (REGEX_SYNTAX.test(ch) || (inClass && ch === "-") ? `\\${ch}` : ch);

function toRegexSource(pattern: string): string {
  const chars = Array.from(pattern);
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (ch === "*") {
      while (chars[i + 1] === "*") i++;
      out += ".*";
    } else if (ch === "?") {
      out += ".";
    } else if (ch === "\\" && i + 1 < chars.length) {
      out += lit(chars[++i] as string);
    } else if (ch === "[") {
      const [source, next] = compileClass(chars, i + 1);
      out += source;
      i = next;
    } else {
      out += lit(ch);
    }
  }
  return out;
}

/** A `[...]` class starting after the `[`; returns its regex source and the index of its closing `]`. */
function compileClass(chars: string[], start: number): [string, number] {
  let i = start;
  let negate = false;
  if (chars[i] === "^") {
    negate = true;
    i++;
  }
  let items = "";
  for (; i < chars.length && chars[i] !== "]"; i++) {
    let ch = chars[i] as string;
    if (ch === "\\" && i + 1 < chars.length) {
      ch = chars[++i] as string;
      items += lit(ch, true);
    } else if (chars[i + 1] === "-" && i + 2 < chars.length && chars[i + 2] !== "]") {
      let from = ch;
      let to = chars[i + 2] as string;
      if ((from.codePointAt(0) ?? 0) > (to.codePointAt(0) ?? 0)) [from, to] = [to, from];
      items += `${lit(from, true)}-${lit(to, true)}`;
      i += 2;
    } else {
      items += lit(ch, true);
    }
  }
  // An unterminated class ends with the pattern, as in Redis.
  const end = Math.min(i, chars.length - 1);
  if (items === "") return [negate ? "[^]" : "[]", end];
  return [`[${negate ? "^" : ""}${items}]`, end];
}
