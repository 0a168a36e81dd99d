import { SYNTAX, fail } from "../errors";
import { globMatcher } from "../glob";
import { formatDouble, parseInteger } from "../numbers";
import type { TypeName } from "../store";
import { at, type Command, type CommandTable } from "../types";

/**
 * HSCAN / SSCAN / ZSCAN. Like Redis with its compact encodings, one call returns every matching element
 * and cursor 0 — which meets SCAN's guarantees for any size (COUNT is only a hint).
 */
function collectionScan(type: Exclude<TypeName, "string" | "list">): Command {
  return {
    arity: -3,
    run: ({ db }, argv) => {
      if (!/^\d+$/.test(at(argv, 2))) fail("ERR invalid cursor");
      let pattern = "*";
      for (let i = 3; i < argv.length; i += 2) {
        const opt = at(argv, i).toLowerCase();
        const value = argv[i + 1];
        if (value === undefined) fail(SYNTAX);
        if (opt === "match") pattern = value;
        else if (opt === "count") {
          if (parseInteger(value) < 1) fail(SYNTAX);
        } else fail(SYNTAX);
      }
      const match = globMatcher(pattern);
      const out: string[] = [];
      if (type === "hash") {
        for (const [field, value] of db.get(at(argv, 1), "hash") ?? []) if (match(field)) out.push(field, value);
      } else if (type === "set") {
        for (const member of db.get(at(argv, 1), "set") ?? []) if (match(member)) out.push(member);
      } else {
        const zset = db.get(at(argv, 1), "zset");
        for (const { member, score } of zset?.entries() ?? []) if (match(member)) out.push(member, formatDouble(score));
      }
      return ["0", out];
    },
  };
}

export const collectionScanCommands: CommandTable = {
  hscan: collectionScan("hash"),
  sscan: collectionScan("set"),
  zscan: collectionScan("zset"),
};
