import "server-only";
import { AppError } from "@/lib/api/errors";
import { GameError } from "@/lib/game/errors";
import { metrics } from "./metrics";
import { recordAck } from "./recent-acks";

/**
 * Outcome metrics of the two player paths, wrapped around their use-cases in the route handlers (so the
 * use-cases stay as they are). A refusal's reason is its error code — a closed set — or "internal".
 */
export async function trackAnswer<T extends { status: "accepted" | "duplicate" }>(
  sessionId: string,
  submit: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  try {
    const result = await submit();
    const seconds = (performance.now() - started) / 1000;
    metrics().answersAccepted.inc({ status: result.status });
    metrics().answerAck.observe(seconds);
    recordAck(sessionId, seconds * 1000);
    return result;
  } catch (error) {
    metrics().answersRejected.inc({ reason: reasonOf(error) });
    throw error;
  }
}

export async function trackJoin<T>(join: () => Promise<T>): Promise<T> {
  metrics().joinAttempts.inc();
  try {
    return await join();
  } catch (error) {
    metrics().joinFailures.inc({ reason: reasonOf(error) });
    throw error;
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof GameError || error instanceof AppError) return error.code;
  return "internal";
}
