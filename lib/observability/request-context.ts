import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/**
 * The request id of the request being served, carried through every await (database call, broadcast, log
 * line) without passing it down by hand. apiRoute opens the context; anything below reads it.
 */
type RequestContext = { requestId: string };

const holder = globalThis as typeof globalThis & { __pubquizRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (holder.__pubquizRequestContext ??= new AsyncLocalStorage<RequestContext>());

export function withRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

// A caller's id is echoed into logs and headers: accept only short, plain ids (a UUID, a trace id).
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-request-id` header when it is a safe id, else a new one. */
export function requestIdFrom(given: string | null | undefined): string {
  return given && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}
