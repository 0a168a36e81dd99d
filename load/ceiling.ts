import { randomUUID } from "node:crypto";
import { HttpClient } from "./http-client";

/**
 * The ceiling of this deployment: requests/s on POST /api/echo (parses a JSON body of an answer's size and
 * returns it; no database, no Redis), with `concurrency` keep-alive requests in flight for `seconds`,
 * through the same HTTP client the players use for answers.
 */
export async function measureCeiling(
  appUrl: string,
  options: { seconds: number; concurrency: number },
): Promise<{ rps: number; requests: number; failures: number }> {
  if (options.seconds <= 0) return { rps: 0, requests: 0, failures: 0 };
  const http = new HttpClient(appUrl, { maxSockets: options.concurrency });
  const body = { answerId: randomUUID(), questionId: randomUUID(), response: { choices: ["a"] } };
  let requests = 0;
  let failures = 0;
  const run = async (until: number, count: boolean) => {
    while (performance.now() < until) {
      try {
        await http.json("/api/echo", { body });
        if (count) requests += 1;
      } catch {
        if (count) failures += 1;
      }
    }
  };
  // Warm up for 2 s before the clock starts: a cold server (JIT, route loading, sockets) serves the first
  // second at a fraction of its rate, which would flatter every ratio to the ceiling.
  const warmUntil = performance.now() + 2000;
  await Promise.all(Array.from({ length: options.concurrency }, () => run(warmUntil, false)));
  const startedAt = performance.now();
  const endAt = startedAt + options.seconds * 1000;
  await Promise.all(Array.from({ length: options.concurrency }, () => run(endAt, true)));
  const elapsed = performance.now() - startedAt;
  http.close();
  return { rps: (requests * 1000) / elapsed, requests, failures };
}
