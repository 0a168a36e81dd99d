import { ApiError } from "./api";

/** What the player sees about an answer in flight. */
export type DeliveryState =
  | { status: "sending"; attempt: number }
  | { status: "retrying"; attempt: number; reason: string }
  | { status: "acknowledged"; receivedAt: string }
  | { status: "rejected"; code: string; message: string }
  | { status: "expired" };

const BACKOFF_MS = [250, 500, 1000, 2000];

/** The server's refusals that mean "after the deadline": past it, or the question already closed. */
const LATE_CODES = new Set(["too_late", "question_not_open"]);

/**
 * Sends one answer until the server acknowledges it or the deadline (plus the server's grace) has passed.
 * Every attempt carries the same answer id, so a retry of an answer that did land is a no-op that returns
 * the first result: nothing is counted twice, nothing acknowledged is lost.
 */
export async function deliverAnswer(options: {
  send: () => Promise<{ answer: { received_at: string } }>;
  /** Server-clock ms left until answers stop being accepted (deadline + grace). */
  msLeft: () => number;
  onState: (state: DeliveryState) => void;
  sleep?: (ms: number) => Promise<void>;
}): Promise<DeliveryState> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    options.onState(
      attempt === 1 ? { status: "sending", attempt } : { status: "retrying", attempt, reason: "network" },
    );
    try {
      const result = await options.send();
      return finish({ status: "acknowledged", receivedAt: result.answer.received_at });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, "network", String(error));
      // An answer still in flight when the question closed arrived late, whichever check refused it.
      if (LATE_CODES.has(apiError.code)) return finish({ status: "expired" });
      if (!apiError.isRetryable) return finish({ status: "rejected", code: apiError.code, message: apiError.message });
      const wait = BACKOFF_MS[Math.min(attempt - 1, BACKOFF_MS.length - 1)] ?? 2000;
      if (options.msLeft() <= wait) return finish({ status: "expired" });
      options.onState({ status: "retrying", attempt, reason: apiError.message });
      await sleep(wait);
    }
  }

  function finish(state: DeliveryState): DeliveryState {
    options.onState(state);
    return state;
  }
}
