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
  // Warm up (JIT, route compilation, sockets) before the clock starts.
  await Promise.all(
    Array.from({ length: options.concurrency }, () => http.json("/api/echo", { body }).catch(() => {})),
  );
  let requests = 0;
  let failures = 0;
  const startedAt = performance.now();
  const endAt = startedAt + options.seconds * 1000;
  const loop = async () => {
    while (performance.now() < endAt) {
      try {
        await http.json("/api/echo", { body });
        requests += 1;
      } catch {
        failures += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  const elapsed = performance.now() - startedAt;
  http.close();
  return { rps: (requests * 1000) / elapsed, requests, failures };
}
