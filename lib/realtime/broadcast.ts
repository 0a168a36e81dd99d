import "server-only";
import type { GameEvent } from "@/lib/game/events";
import { serverEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { recordBroadcast } from "@/lib/observability/metrics";
import { currentRequestId } from "@/lib/observability/request-context";
import { GAME_EVENT, topicOf } from "./topics";

/**
 * Sends a game event to its audience's private channel (lib/realtime/topics.ts) through Realtime's HTTP broadcast
 * endpoint with the service key: only the server ever sends. One request per event, whatever the number of
 * players; Realtime fans it out. The request id goes along as `x-request-id`, so the local stack's log
 * (STACK_LOG=debug) or a proxy's can be joined with the app's. A failed broadcast is retried once and then reported, never thrown: the
 * database already holds the truth, and clients heal gaps from the snapshot (events carry `seq`).
 */
export async function broadcastGameEvent(event: GameEvent): Promise<boolean> {
  const env = serverEnv();
  const body = JSON.stringify({
    messages: [{ topic: topicOf(event), event: GAME_EVENT, payload: event, private: true }],
  });
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      const response = await fetch(`${env.NEXT_PUBLIC_SUPABASE_URL}/realtime/v1/api/broadcast`, {
        method: "POST",
        headers: {
          apikey: env.SUPABASE_SERVICE_ROLE_KEY,
          authorization: `Bearer ${env.SUPABASE_SERVICE_ROLE_KEY}`,
          "content-type": "application/json",
          ...requestIdHeader(),
        },
        body,
        signal: AbortSignal.timeout(3000),
      });
      if (response.ok) {
        recordBroadcast(true);
        return true;
      }
    } catch {
      // network error or timeout: retry once
    }
  }
  recordBroadcast(false);
  logger().error({ sessionId: event.session_id, seq: event.seq, type: event.type }, "broadcast failed");
  return false;
}

function requestIdHeader(): Record<string, string> {
  const requestId = currentRequestId();
  return requestId ? { "x-request-id": requestId } : {};
}
