/** A Redis error reply: `message` is the exact text Redis would send (e.g. "WRONGTYPE Operation …"). */
export class RedisError extends Error {
  override name = "RedisError";
}

export const WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
export const NOT_INTEGER = "ERR value is not an integer or out of range";
export const NOT_FLOAT = "ERR value is not a valid float";
export const SYNTAX = "ERR syntax error";
export const NO_SUCH_KEY = "ERR no such key";
export const OVERFLOW = "ERR increment or decrement would overflow";

export const wrongArgs = (name: string) => `ERR wrong number of arguments for '${name}' command`;
export const invalidExpire = (name: string) => `ERR invalid expire time in '${name}' command`;

export function fail(message: string): never {
  throw new RedisError(message);
}
