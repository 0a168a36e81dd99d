/** The stack's log: one JSON line per event on stderr, so stdout stays for the KEY=value lines. */
export type LogLevel = "silent" | "error" | "info" | "debug";
export type Logger = {
  error(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
};

const rank: Record<LogLevel, number> = { silent: 0, error: 1, info: 2, debug: 3 };

export function createLogger(level: LogLevel, service = "stack"): Logger {
  const write = (at: Exclude<LogLevel, "silent">) => (msg: string, fields?: Record<string, unknown>) => {
    if (rank[at] > rank[level]) return;
    process.stderr.write(`${JSON.stringify({ level: at, time: new Date().toISOString(), service, msg, ...fields })}\n`);
  };
  return { error: write("error"), info: write("info"), debug: write("debug") };
}
