import type { Reply } from "./backend";

/**
 * The Upstash REST wire format: commands as JSON arrays of strings/numbers/booleans, replies as
 * `{"result": …}` / `{"error": "…"}`, optionally base64-encoded ("Upstash-Encoding: base64").
 */

export class RequestError extends Error {}

/** One JSON command → argv strings, the way Upstash reads them (numbers in their JSON text form). */
export function toArgv(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new RequestError("ERR a command must be a non-empty JSON array");
  return value.map((arg) => {
    switch (typeof arg) {
      case "string":
        return arg;
      case "number":
        return String(arg);
      case "boolean":
        return arg ? "true" : "false";
      default:
        if (arg === null) return "";
        throw new RequestError("ERR command arguments must be strings, numbers or booleans");
    }
  });
}

/** A pipeline or transaction body → a list of argv. */
export function toCommandList(value: unknown): string[][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new RequestError("ERR a pipeline must be a non-empty JSON array of commands");
  }
  return value.map(toArgv);
}

export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) throw new RequestError("ERR empty request body");
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new RequestError("ERR request body is not valid JSON");
  }
}

const OK = Buffer.from("OK");

/**
 * A reply as JSON. With base64, every string is encoded except a top-level "OK" (Upstash's rule; the
 * client decodes "OK" as is and everything else with atob → UTF-8). Numbers and nil pass unchanged.
 */
export function encodeReply(reply: Reply, base64: boolean, top = true): unknown {
  if (reply === null || typeof reply === "number") return reply;
  if (typeof reply === "string") {
    if (!base64 || (top && reply === "OK")) return reply;
    return Buffer.from(reply, "utf8").toString("base64");
  }
  if (Buffer.isBuffer(reply)) {
    if (!base64) return reply.toString("utf8");
    return top && reply.equals(OK) ? "OK" : reply.toString("base64");
  }
  return reply.map((item) => encodeReply(item, base64, false));
}
