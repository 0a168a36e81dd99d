import { NO_SUCH_KEY, SYNTAX, fail } from "../errors";
import { normalizeRange, parseInteger } from "../numbers";
import { at, type Command, type CommandTable } from "../types";

/** List commands (a JS array per list: fine for the queue and log sizes a quiz needs). */

function push(left: boolean, onlyIfExists: boolean): Command {
  return {
    arity: -3,
    run: ({ db }, argv) => {
      if (onlyIfExists && !db.get(at(argv, 1), "list")) return 0;
      const list = db.getOrCreate(at(argv, 1), "list");
      // Chunked: spreading a huge argument list would overflow the call stack.
      const values = argv.slice(2);
      for (let i = 0; i < values.length; i += 10_000) {
        const chunk = values.slice(i, i + 10_000);
        if (left) list.unshift(...chunk.reverse());
        else list.push(...chunk);
      }
      return list.length;
    },
  };
}

function pop(left: boolean): Command {
  return {
    arity: -2,
    run: ({ db }, argv) => {
      if (argv.length > 3) fail(SYNTAX);
      const count =
        argv.length === 3 ? parseInteger(at(argv, 2), "ERR value is out of range, must be positive") : undefined;
      if (count !== undefined && count < 0) fail("ERR value is out of range, must be positive");
      const list = db.get(at(argv, 1), "list");
      if (!list) return null;
      const taken = left ? list.splice(0, count ?? 1) : list.splice(Math.max(0, list.length - (count ?? 1))).reverse();
      db.dropIfEmpty(at(argv, 1), list);
      return count === undefined ? (taken[0] ?? null) : taken;
    },
  };
}

export const listCommands: CommandTable = {
  lpush: push(true, false),
  rpush: push(false, false),
  lpushx: push(true, true),
  rpushx: push(false, true),
  lpop: pop(true),
  rpop: pop(false),
  llen: { arity: 2, run: ({ db }, argv) => db.get(at(argv, 1), "list")?.length ?? 0 },
  lrange: {
    arity: 4,
    run: ({ db }, argv) => {
      const start = parseInteger(at(argv, 2));
      const stop = parseInteger(at(argv, 3));
      const list = db.get(at(argv, 1), "list") ?? [];
      const range = normalizeRange(start, stop, list.length);
      return range ? list.slice(range[0], range[1] + 1) : [];
    },
  },
  ltrim: {
    arity: 4,
    run: ({ db }, argv) => {
      const start = parseInteger(at(argv, 2));
      const stop = parseInteger(at(argv, 3));
      const list = db.get(at(argv, 1), "list");
      if (!list) return "OK";
      const range = normalizeRange(start, stop, list.length);
      if (!range) list.length = 0;
      else {
        list.splice(range[1] + 1);
        list.splice(0, range[0]);
      }
      db.dropIfEmpty(at(argv, 1), list);
      return "OK";
    },
  },
  lindex: {
    arity: 3,
    run: ({ db }, argv) => {
      const list = db.get(at(argv, 1), "list") ?? [];
      const index = parseInteger(at(argv, 2));
      return list[index < 0 ? list.length + index : index] ?? null;
    },
  },
  lset: {
    arity: 4,
    run: ({ db }, argv) => {
      const list = db.get(at(argv, 1), "list");
      if (!list) fail(NO_SUCH_KEY);
      let index = parseInteger(at(argv, 2));
      if (index < 0) index += list.length;
      if (index < 0 || index >= list.length) fail("ERR index out of range");
      list[index] = at(argv, 3);
      return "OK";
    },
  },
  lrem: {
    arity: 4,
    run: ({ db }, argv) => {
      const count = parseInteger(at(argv, 2));
      const value = at(argv, 3);
      const list = db.get(at(argv, 1), "list");
      if (!list) return 0;
      let removed = 0;
      const limit = count === 0 ? Infinity : Math.abs(count);
      if (count >= 0) {
        for (let i = 0; i < list.length && removed < limit;) {
          if (list[i] === value) {
            list.splice(i, 1);
            removed++;
          } else i++;
        }
      } else {
        for (let i = list.length - 1; i >= 0 && removed < limit; i--) {
          if (list[i] === value) {
            list.splice(i, 1);
            removed++;
          }
        }
      }
      db.dropIfEmpty(at(argv, 1), list);
      return removed;
    },
  },
};
