import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";

/** How long after a question opens each player answers. */
export type Think =
  | { kind: "burst"; windowMs: number }
  | { kind: "uniform"; windowMs: number }
  /** Answer at once on receipt; the host advances as soon as every answer is acknowledged (see README). */
  | { kind: "saturate" };

export type LoadArgs = {
  url: string;
  /** Players per session (the N). */
  players: number;
  sessions: number;
  questions: number;
  think: Think;
  json: string | null;
  budget: boolean;
  workers: number;
  hostEmail: string | null;
  hostPassword: string | null;
  /** Seconds of POST /api/echo before the run; 0 skips the ceiling. */
  ceilingSeconds: number;
  ceilingConcurrency: number;
  /** Parallel sign-in + join chains per worker during the join wave. */
  joinConcurrency: number;
  /** Give up waiting for the join wave after this many seconds. */
  joinTimeoutS: number;
  /** How long the host stays on the reveal, and again on the leaderboard, before the next question. */
  hostPaceMs: number;
  /** How long the host waits in the full lobby, after the join wave, before starting the game. */
  lobbyMs: number;
  /** Several sessions: each host on its own timeline (independent), or all acting at the same moment. */
  hosts: "independent" | "lockstep";
  /** The app's METRICS_TOKEN, to read its event-loop delay during the game from GET /api/metrics. */
  metricsToken: string | null;
  quiet: boolean;
};

export const USAGE = `usage: npm run load -- --url URL [options]

  --url URL               the app (e.g. http://127.0.0.1:3000 or https://quiz.example.com)
  --players N             players per session (default 100)
  --sessions S            sessions, each with its own host action stream (default 1)
  --questions Q           questions per session (default 5)
  --think T               burst[:MS] (all answers within MS, default 200), uniform:MS (spread over MS),
                          or saturate (answer on receipt; next question as soon as all are acknowledged)
                          (default uniform:5000)
  --json PATH             write the figures as JSON
  --budget                exit 1 when a target of issue #5's table for this scenario shape is missed
  --workers W             player processes (default: cores, at least 2)
  --host-email E          sign the host in with this account (hosted projects that confirm sign-ups)
  --host-password P       its password (or env LOAD_HOST_PASSWORD)
  env METRICS_TOKEN       the app's metrics token: the report then has the app's event-loop delay in the game
  --ceiling-seconds S     length of the POST /api/echo ceiling probe (default 3; 0 skips it)
  --ceiling-concurrency C requests in flight during the probe (default 64)
  --join-concurrency C    sign-in + join chains in flight per worker (default 50)
  --join-timeout S        stop waiting for joins after S seconds (default 120)
  --host-pace MS          the host shows the reveal for MS, then the leaderboard for MS, as a quiz master
                          reading out the answer does (default 2500; 0 with saturate: back to back)
  --lobby MS              the host waits MS in the full lobby after the join wave before starting (default 0)
  --hosts H               with several sessions: independent (default: each host runs its own game, starting
                          at a random moment of the first question) or lockstep (every host acts at once)
  --quiet                 no progress lines`;

export class ArgsError extends Error {}

const positiveInt = (name: string, raw: string | undefined, fallback: number, min = 1): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new ArgsError(`--${name}: expected an integer ≥ ${min}, got "${raw}"`);
  return value;
};

export function parseThink(raw: string): Think {
  if (raw === "saturate") return { kind: "saturate" };
  const match = /^(burst|uniform)(?::(\d+))?$/.exec(raw);
  if (!match) throw new ArgsError(`--think: expected burst[:MS], uniform:MS or saturate, got "${raw}"`);
  const kind = match[1] as "burst" | "uniform";
  if (kind === "uniform" && match[2] === undefined) throw new ArgsError("--think uniform needs a window: uniform:MS");
  return { kind, windowMs: match[2] === undefined ? 200 : Number(match[2]) };
}

export function parseLoadArgs(argv: string[], env: Record<string, string | undefined> = {}): LoadArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        url: { type: "string" },
        players: { type: "string" },
        sessions: { type: "string" },
        questions: { type: "string" },
        think: { type: "string" },
        json: { type: "string" },
        budget: { type: "boolean", default: false },
        workers: { type: "string" },
        "host-email": { type: "string" },
        "host-password": { type: "string" },
        "ceiling-seconds": { type: "string" },
        "ceiling-concurrency": { type: "string" },
        "join-concurrency": { type: "string" },
        "join-timeout": { type: "string" },
        "host-pace": { type: "string" },
        lobby: { type: "string" },
        hosts: { type: "string" },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    throw new ArgsError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) throw new ArgsError(USAGE);
  if (!values.url) throw new ArgsError("--url is required (the app's base URL)");
  let url: URL;
  try {
    url = new URL(values.url);
  } catch {
    throw new ArgsError(`--url: not a URL: "${values.url}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ArgsError("--url: use http:// or https://");
  const hostEmail = values["host-email"] ?? null;
  const hostPassword = values["host-password"] ?? env.LOAD_HOST_PASSWORD ?? null;
  if (hostEmail && !hostPassword) throw new ArgsError("--host-email needs --host-password (or LOAD_HOST_PASSWORD)");
  return {
    url: url.origin,
    players: positiveInt("players", values.players, 100),
    sessions: positiveInt("sessions", values.sessions, 1),
    questions: positiveInt("questions", values.questions, 5),
    think: parseThink(values.think ?? "uniform:5000"),
    json: values.json ?? null,
    budget: values.budget,
    workers: positiveInt("workers", values.workers, Math.max(2, availableParallelism())),
    hostEmail,
    hostPassword,
    ceilingSeconds: positiveInt("ceiling-seconds", values["ceiling-seconds"], 3, 0),
    ceilingConcurrency: positiveInt("ceiling-concurrency", values["ceiling-concurrency"], 64),
    joinConcurrency: positiveInt("join-concurrency", values["join-concurrency"], 50),
    joinTimeoutS: positiveInt("join-timeout", values["join-timeout"], 120),
    hostPaceMs: positiveInt("host-pace", values["host-pace"], values.think === "saturate" ? 0 : 2500, 0),
    lobbyMs: positiveInt("lobby", values.lobby, 0, 0),
    hosts: parseHosts(values.hosts ?? "independent"),
    metricsToken: env.METRICS_TOKEN || null,
    quiet: values.quiet,
  };
}

function parseHosts(raw: string): LoadArgs["hosts"] {
  if (raw !== "independent" && raw !== "lockstep")
    throw new ArgsError(`--hosts: expected independent or lockstep, got "${raw}"`);
  return raw;
}

/** The delay before a player answers, drawn from the think distribution. */
export function thinkDelayMs(think: Think, random: () => number = Math.random): number {
  return think.kind === "saturate" ? 0 : random() * think.windowMs;
}

export function describeThink(think: Think): string {
  return think.kind === "saturate" ? "saturate" : `${think.kind}:${think.windowMs}`;
}
