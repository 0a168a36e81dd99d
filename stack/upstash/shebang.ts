import { createHash } from "node:crypto";

/**
 * Upstash's scripts start with `#!lua flags=allow-key-locking`, a flag only Upstash knows: Redis 7
 * rejects it ("ERR Unexpected flag in script shebang: allow-key-locking") and Redis 6 has no shebangs at
 * all. Dropping that flag (and the shebang line when nothing else is left; the newline stays, so line
 * numbers in errors still match) gives a script stock Redis runs the same way.
 */
const UPSTASH_ONLY_FLAGS = new Set(["allow-key-locking"]);

export const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/** The script for stock Redis, or undefined when it needs no change. */
export function stripUpstashShebang(script: string): string | undefined {
  if (!script.startsWith("#!")) return undefined;
  const end = script.indexOf("\n");
  const line = end === -1 ? script : script.slice(0, end);
  const match = /^#!(\S+)(.*)$/.exec(line);
  if (!match) return undefined;
  const [, engine, rest = ""] = match;
  const flagsMatch = /(?:^|\s)flags=(\S*)/.exec(rest);
  if (!flagsMatch) return undefined;
  const flags = (flagsMatch[1] ?? "").split(",").filter(Boolean);
  const kept = flags.filter((f) => !UPSTASH_ONLY_FLAGS.has(f));
  if (kept.length === flags.length) return undefined;
  const others = rest.replace(flagsMatch[0], "").trim();
  const head =
    kept.length || others
      ? `#!${engine}${kept.length ? ` flags=${kept.join(",")}` : ""}${others ? ` ${others}` : ""}`
      : "";
  return head + (end === -1 ? "" : script.slice(end));
}
