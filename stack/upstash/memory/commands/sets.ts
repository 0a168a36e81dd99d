import { at, type Command, type CommandTable, type Context } from "../types";

/** Set commands. */

function members(ctx: Context, keys: string[], op: "inter" | "union" | "diff"): Set<string> {
  const sets = keys.map((key) => ctx.db.get(key, "set") ?? new Set<string>());
  const [first, ...rest] = sets;
  const out = new Set<string>(first ?? []);
  for (const set of rest) {
    if (op === "union") for (const m of set) out.add(m);
    else for (const m of [...out]) if (set.has(m) === (op === "diff")) out.delete(m);
  }
  return out;
}

function setOp(op: "inter" | "union" | "diff", store: boolean): Command {
  return {
    arity: store ? -3 : -2,
    run: (ctx, argv) => {
      const result = members(ctx, argv.slice(store ? 2 : 1), op);
      if (!store) return [...result];
      const dest = at(argv, 1);
      if (result.size === 0) ctx.db.delete(dest);
      else ctx.db.put(dest, "set", result);
      return result.size;
    },
  };
}

export const setCommands: CommandTable = {
  sadd: {
    arity: -3,
    run: ({ db }, argv) => {
      const set = db.getOrCreate(at(argv, 1), "set");
      let added = 0;
      for (const member of argv.slice(2)) {
        if (!set.has(member)) {
          set.add(member);
          added++;
        }
      }
      return added;
    },
  },
  srem: {
    arity: -3,
    run: ({ db }, argv) => {
      const set = db.get(at(argv, 1), "set");
      if (!set) return 0;
      const removed = argv.slice(2).filter((member) => set.delete(member)).length;
      db.dropIfEmpty(at(argv, 1), set);
      return removed;
    },
  },
  smembers: { arity: 2, run: ({ db }, argv) => [...(db.get(at(argv, 1), "set") ?? [])] },
  sismember: { arity: 3, run: ({ db }, argv) => (db.get(at(argv, 1), "set")?.has(at(argv, 2)) ? 1 : 0) },
  smismember: {
    arity: -3,
    run: ({ db }, argv) => {
      const set = db.get(at(argv, 1), "set");
      return argv.slice(2).map((member) => (set?.has(member) ? 1 : 0));
    },
  },
  scard: { arity: 2, run: ({ db }, argv) => db.get(at(argv, 1), "set")?.size ?? 0 },
  sinter: setOp("inter", false),
  sunion: setOp("union", false),
  sdiff: setOp("diff", false),
  sinterstore: setOp("inter", true),
  sunionstore: setOp("union", true),
  sdiffstore: setOp("diff", true),
};
