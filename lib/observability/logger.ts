import "server-only";
import pino, { type DestinationStream, type Logger } from "pino";
import { observabilityEnv } from "@/lib/env";
import { currentRequestId } from "./request-context";

/**
 * The app's structured log: one JSON line per event on stdout (what Vercel and journald collect), level from
 * LOG_LEVEL. Every line written while a request is served carries its `requestId` (from the request
 * context), so a route's line, its database error and its broadcast failure can be joined.
 *
 * No personal data: no nicknames, tokens or IP addresses (should one ever be needed to correlate, log a
 * keyed hash — a plain hash of an IPv4 address is reversed by hashing all of them).
 */
const holder = globalThis as typeof globalThis & { __pubquizLogger?: Logger };

export function createAppLogger(destination?: DestinationStream): Logger {
  return pino(
    {
      level: observabilityEnv().LOG_LEVEL,
      base: { service: "pubquiz" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      // Belt and braces: should a header or a token ever reach a log call, it is not written.
      redact: {
        paths: ["authorization", "*.authorization", "token", "*.token", "apikey", "*.apikey", "nickname", "*.nickname"],
        censor: "[redacted]",
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

export function logger(): Logger {
  return (holder.__pubquizLogger ??= createAppLogger());
}

/** Tests capture the log by installing a logger that writes to their own stream. */
export function setLogger(next: Logger | undefined): void {
  holder.__pubquizLogger = next;
}
