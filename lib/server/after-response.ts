import "server-only";
import { after } from "next/server";

/**
 * Runs `task` after the response has been sent: Next's `after()` keeps a serverless instance alive until
 * it settles. Outside a request (scripts, tests) the promise simply runs on. A failure is the task's own
 * business: it never reaches the request.
 */
export function runAfterResponse(task: Promise<unknown>): void {
  const settled = task.catch(() => {});
  try {
    after(settled);
  } catch {
    // Not inside a request scope: nothing to keep alive.
  }
}
