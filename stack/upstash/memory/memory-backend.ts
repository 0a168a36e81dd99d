import type { Backend, Outcome } from "../backend";
import { collectionScanCommands } from "./commands/collection-scan";
import { hashCommands } from "./commands/hashes";
import { keyCommands } from "./commands/keys";
import { listCommands } from "./commands/lists";
import { scriptingCommands } from "./commands/scripting";
import { setCommands } from "./commands/sets";
import { sortedSetCommands } from "./commands/sorted-sets";
import { stringCommands } from "./commands/strings";
import { RedisError, fail, wrongArgs } from "./errors";
import { Keyspace } from "./store";
import type { Command, CommandTable, Context, Reply } from "./types";

/** The in-memory store: a Redis command dispatcher over a Keyspace. Everything runs synchronously, so a
 * pipeline or transaction never interleaves with another request. */

export const COMMANDS: CommandTable = {
  ...stringCommands,
  ...keyCommands,
  ...hashCommands,
  ...sortedSetCommands,
  ...setCommands,
  ...listCommands,
  ...scriptingCommands,
  ...collectionScanCommands,
};

const commandTable = new Map<string, Command>(Object.entries(COMMANDS));

function lookupCommand(argv: string[]): Command {
  const name = argv[0] ?? "";
  const command = commandTable.get(name.toLowerCase());
  if (!command) fail(`ERR unknown command '${name}'`);
  const n = argv.length;
  if ((command.arity > 0 && n !== command.arity) || (command.arity < 0 && n < -command.arity)) {
    fail(wrongArgs(name.toLowerCase()));
  }
  return command;
}

export class MemoryStore {
  readonly db: Keyspace;
  private readonly ctx: Context;

  constructor(now: () => number = Date.now) {
    this.db = new Keyspace(now);
    this.ctx = { db: this.db, loadedScripts: new Set(), call: (argv) => this.execute(argv) };
  }

  /** Runs one command; throws RedisError for error replies. */
  execute(argv: string[]): Reply {
    return lookupCommand(argv).run(this.ctx, argv);
  }

  /** Runs one command, catching error replies. */
  run(argv: string[]): Outcome {
    try {
      return { result: this.execute(argv) };
    } catch (error) {
      if (error instanceof RedisError) return { error: error.message };
      throw error;
    }
  }

  /** MULTI/EXEC: unknown commands or wrong arity discard the whole transaction, as in Redis. */
  transaction(commands: string[][]): Outcome[] | { error: string } {
    for (const argv of commands) {
      try {
        lookupCommand(argv);
      } catch (error) {
        if (error instanceof RedisError)
          return { error: `EXECABORT Transaction discarded because of previous errors: ${error.message}` };
        throw error;
      }
    }
    return commands.map((argv) => this.run(argv));
  }
}

export function createMemoryBackend(
  options: { sweepIntervalMs?: number; now?: () => number } = {},
): Backend & { store: MemoryStore } {
  const store = new MemoryStore(options.now);
  const timer = setInterval(() => store.db.sweep(), options.sweepIntervalMs ?? 250);
  timer.unref();
  return {
    kind: "memory",
    store,
    command: (argv) => Promise.resolve(store.run(argv)),
    pipeline: (commands) => Promise.resolve(commands.map((argv) => store.run(argv))),
    transaction: (commands) => Promise.resolve(store.transaction(commands)),
    health: () => Promise.resolve({ status: "ok", detail: { backend: "memory", keys: store.db.size } }),
    stats: () => ({ keys: store.db.size, keys_with_ttl: store.db.expiringCount, expired_keys: store.db.expiredCount }),
    stop: () => {
      clearInterval(timer);
      return Promise.resolve();
    },
  };
}
