import { Redis, ReplyError } from "ioredis";
import type { Logger } from "../log";
import { BackendUnavailableError, type Backend, type Outcome, type Reply } from "./backend";
import { sha1, stripUpstashShebang } from "./shebang";

/**
 * A real Redis behind the REST API (REDIS_URL), through one ioredis connection (commands on it are
 * pipelined and keep their order). Replies stay Buffers so binary values survive. Command names are sent
 * upper-case: ioredis reshapes some replies (HGETALL → object …) by lower-case name, and a proxy must not.
 * Errors Redis rejects at connection level (unreachable, timeouts) become 503s, not command errors.
 */

/** Commands that would change the shared connection's state or block it for everyone. */
const BLOCKED = new Set(
  (
    "subscribe psubscribe ssubscribe unsubscribe punsubscribe sunsubscribe monitor select quit reset hello auth " +
    "multi exec discard watch unwatch client wait waitaof blpop brpop brpoplpush blmove blmpop bzpopmin bzpopmax " +
    "bzmpop shutdown sync psync replicaof slaveof failover debug"
  ).split(" "),
);

type Prepared = {
  name: string;
  args: string[];
  /** Sent instead when Redis answers NOSCRIPT (a script we rewrote was flushed from Redis's cache). */
  fallback?: { name: string; args: string[] };
  /** Fixes up the reply (SCRIPT LOAD answers with the client's sha, not the rewritten script's). */
  post?: (reply: Reply) => Reply;
  /** Refused without asking Redis. */
  error?: string;
};

type Rewritten = { script: string; sha: string };

export async function createRedisBackend(url: string, log: Logger): Promise<Backend> {
  // RESP2, as Upstash answers: flat WITHSCORES arrays, doubles as strings (ioredis 6 defaults to RESP3).
  const redis = new Redis(url, { protocol: 2, lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5_000 });
  let lastLoggedError = 0;
  redis.on("error", (error: Error) => {
    if (Date.now() - lastLoggedError < 10_000) return;
    lastLoggedError = Date.now();
    log.error("redis connection error", { error: error.message });
  });
  try {
    await redis.connect();
  } catch (error) {
    log.error("cannot reach Redis; the Upstash endpoint will answer 503 until it is back", { error: String(error) });
  }

  /** sha1 of a script as the client sent it → the script Redis actually runs. */
  const rewritten = new Map<string, Rewritten>();
  let keys: number | undefined;

  function remember(original: string): Rewritten | undefined {
    const stripped = stripUpstashShebang(original);
    if (stripped === undefined) return undefined;
    const entry = { script: stripped, sha: sha1(stripped) };
    // Bounded: apps send a handful of distinct scripts; forgetting one only costs a NOSCRIPT round trip.
    if (rewritten.size >= 1000) rewritten.delete(rewritten.keys().next().value as string);
    rewritten.set(sha1(original), entry);
    return entry;
  }

  function prepare(argv: string[], inTransaction: boolean): Prepared {
    const original = argv[0] ?? "";
    const lower = original.toLowerCase();
    const name = original.toUpperCase();
    const args = argv.slice(1);
    if (BLOCKED.has(lower)) return { name, args, error: `ERR command '${original}' is not supported by the REST API` };
    if ((lower === "eval" || lower === "eval_ro") && args[0] !== undefined) {
      const entry = remember(args[0]);
      return entry ? { name, args: [entry.script, ...args.slice(1)] } : { name, args };
    }
    if ((lower === "evalsha" || lower === "evalsha_ro") && args[0] !== undefined) {
      const entry = rewritten.get(args[0].toLowerCase());
      if (!entry) return { name, args };
      const rest = args.slice(1);
      const evalName = lower === "evalsha" ? "EVAL" : "EVAL_RO";
      // Inside MULTI a NOSCRIPT cannot be retried, so send the script itself.
      if (inTransaction) return { name: evalName, args: [entry.script, ...rest] };
      return { name, args: [entry.sha, ...rest], fallback: { name: evalName, args: [entry.script, ...rest] } };
    }
    if (lower === "script" && args.length >= 2) {
      const sub = (args[0] ?? "").toLowerCase();
      if (sub === "load" && args.length === 2) {
        const source = args[1] as string;
        const entry = remember(source);
        if (entry) return { name, args: ["LOAD", entry.script], post: () => sha1(source) };
      }
      if (sub === "exists")
        return {
          name,
          args: [args[0] as string, ...args.slice(1).map((sha) => rewritten.get(sha.toLowerCase())?.sha ?? sha)],
        };
    }
    return { name, args };
  }

  function replyError(error: unknown, argv0: string): Outcome {
    if (!(error instanceof ReplyError)) {
      throw new BackendUnavailableError(`Redis unavailable: ${error instanceof Error ? error.message : String(error)}`);
    }
    const message = (error as Error).message.replace(`'${argv0.toUpperCase()}'`, `'${argv0}'`);
    return { error: message };
  }

  const isNoScript = (error: unknown) => error instanceof ReplyError && (error as Error).message.startsWith("NOSCRIPT");

  async function send(p: Prepared): Promise<Reply> {
    try {
      return (await redis.callBuffer(p.name, ...p.args)) as Reply;
    } catch (error) {
      if (p.fallback && isNoScript(error))
        return (await redis.callBuffer(p.fallback.name, ...p.fallback.args)) as Reply;
      throw error;
    }
  }

  async function command(argv: string[]): Promise<Outcome> {
    const p = prepare(argv, false);
    if (p.error) return { error: p.error };
    try {
      const reply = await send(p);
      return { result: p.post ? p.post(reply) : reply };
    } catch (error) {
      return replyError(error, argv[0] ?? "");
    }
  }

  async function pipeline(commands: string[][]): Promise<Outcome[]> {
    const prepared = commands.map((argv) => prepare(argv, false));
    const pipe = redis.pipeline();
    for (const p of prepared) if (!p.error) pipe.callBuffer(p.name, ...p.args);
    const results = (await pipe.exec()) ?? [];
    const outcomes: Outcome[] = [];
    let j = 0;
    for (const [i, p] of prepared.entries()) {
      if (p.error) {
        outcomes.push({ error: p.error });
        continue;
      }
      const [error, reply] = results[j++] ?? [new Error("missing pipeline reply"), null];
      if (!error) outcomes.push({ result: p.post ? p.post(reply as Reply) : (reply as Reply) });
      else if (p.fallback && isNoScript(error)) outcomes.push(await command([p.fallback.name, ...p.fallback.args]));
      else outcomes.push(replyError(error, commands[i]?.[0] ?? ""));
    }
    return outcomes;
  }

  async function transaction(commands: string[][]): Promise<Outcome[] | { error: string }> {
    const prepared = commands.map((argv) => prepare(argv, true));
    const refused = prepared.find((p) => p.error);
    if (refused?.error)
      return { error: `EXECABORT Transaction discarded because of previous errors: ${refused.error}` };
    const multi = redis.multi();
    for (const p of prepared) multi.callBuffer(p.name, ...p.args);
    let results: [Error | null, unknown][];
    try {
      results = (await multi.exec()) ?? [];
    } catch (error) {
      if (!(error instanceof ReplyError)) throw new BackendUnavailableError(`Redis unavailable: ${String(error)}`);
      const previous = (error as { previousErrors?: Error[] }).previousErrors?.[0]?.message;
      return {
        error: previous ? `${(error as Error).message.replace(/\.$/, "")}: ${previous}` : (error as Error).message,
      };
    }
    return results.map(([error, reply], i) => {
      const p = prepared[i] as Prepared;
      return error
        ? replyError(error, commands[i]?.[0] ?? "")
        : { result: p.post ? p.post(reply as Reply) : (reply as Reply) };
    });
  }

  return {
    kind: "redis",
    command,
    pipeline,
    transaction,
    async health() {
      const started = performance.now();
      try {
        if (redis.status !== "ready") throw new Error(`connection ${redis.status}`);
        await redis.ping();
        const latency_ms = Math.round((performance.now() - started) * 100) / 100;
        keys = await redis.dbsize();
        return { status: "ok", latency_ms, detail: { backend: "redis", keys } };
      } catch (error) {
        return {
          status: "down",
          detail: { backend: "redis", error: error instanceof Error ? error.message : String(error) },
        };
      }
    },
    stats: () => ({ keys: keys ?? null, connection: redis.status, rewritten_scripts: rewritten.size }),
    async stop() {
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    },
  };
}
