import { createHash } from "node:crypto";
import { fail } from "../errors";
import { LuaRuntime, fromLua } from "../lua";
import { parseInteger } from "../numbers";
import { NATIVE_SCRIPTS } from "../ratelimit-scripts";
import { at, type Command, type CommandTable, type Context, type Reply } from "../types";

/**
 * EVAL / EVALSHA / SCRIPT without Lua: a script runs if its sha1 names a native re-implementation
 * (see ratelimit-scripts.ts). Like Redis, EVALSHA only knows scripts that were EVAL'd or SCRIPT LOAD'ed.
 */

export const NOSCRIPT = "NOSCRIPT No matching script. Please use EVAL.";

export const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

const unsupported = (sha: string) => `ERR scripts are not supported by the in-memory store: ${sha}`;

function run(ctx: Context, sha: string, argv: string[]): Reply {
  const script = NATIVE_SCRIPTS.get(sha);
  if (!script) fail(unsupported(sha));
  const numKeys = parseInteger(at(argv, 2));
  if (numKeys < 0) fail("ERR Number of keys can't be negative");
  if (numKeys > argv.length - 3) fail("ERR Number of keys can't be greater than number of args");
  const keys = argv.slice(3, 3 + numKeys);
  const args = argv.slice(3 + numKeys);
  return fromLua(script.run(new LuaRuntime(ctx, sha), keys, args));
}

const evalCommand: Command = {
  arity: -3,
  run: (ctx, argv) => {
    const sha = sha1(at(argv, 1));
    if (!NATIVE_SCRIPTS.has(sha)) fail(unsupported(sha));
    ctx.loadedScripts.add(sha);
    return run(ctx, sha, argv);
  },
};

const evalshaCommand: Command = {
  arity: -3,
  run: (ctx, argv) => {
    const sha = at(argv, 1).toLowerCase();
    if (!ctx.loadedScripts.has(sha)) fail(NOSCRIPT);
    return run(ctx, sha, argv);
  },
};

export const scriptingCommands: CommandTable = {
  eval: evalCommand,
  eval_ro: evalCommand,
  evalsha: evalshaCommand,
  evalsha_ro: evalshaCommand,
  script: {
    arity: -2,
    run: (ctx, argv) => {
      const sub = at(argv, 1).toLowerCase();
      if (sub === "load" && argv.length === 3) {
        const sha = sha1(at(argv, 2));
        if (!NATIVE_SCRIPTS.has(sha)) fail(unsupported(sha));
        ctx.loadedScripts.add(sha);
        return sha;
      }
      if (sub === "exists" && argv.length >= 3)
        return argv.slice(2).map((sha) => (ctx.loadedScripts.has(sha.toLowerCase()) ? 1 : 0));
      if (sub === "flush" && argv.length <= 3) {
        ctx.loadedScripts.clear();
        return "OK";
      }
      if (["load", "exists", "flush"].includes(sub))
        fail(`ERR unknown subcommand or wrong number of arguments for '${sub}'. Try SCRIPT HELP.`);
      return fail(`ERR unknown subcommand '${at(argv, 1)}'. Try SCRIPT HELP.`);
    },
  },
};
