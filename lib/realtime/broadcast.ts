import "server-only";
import type { GameEvent, PersonalResult } from "@/lib/game/events";
import { serverEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { recordBroadcast } from "@/lib/observability/metrics";
import { currentRequestId } from "@/lib/observability/request-context";
import { GAME_EVENT, playerTopic, topicOf } from "./topics";

/**
 * Sends a game event through Realtime's HTTP broadcast endpoint with the service key: only the server ever
 * sends. The public copy goes to its audience's private channel (lib/realtime/topics.ts) in one request,
 * whatever the number of players; Realtime fans it out. A personal event (the reveal, the end) also goes to
 * each player's own channel with their result, batched many to a request (BATCH_BYTES each), after the public
 * copy so the host and the screen move on at once. The request id goes along as `x-request-id`, so the local
 * stack's log (STACK_LOG=debug) or a proxy's can be joined with the app's. A failed request is retried once
 * and then reported, never thrown: the database already holds the truth, and clients heal gaps from the
 * snapshot (events carry `seq` and `player_seq`).
 */
export async function broadcastGameEvent(event: GameEvent, personal: readonly PersonalResult[] = []): Promise<boolean> {
  const isPublicSent = await send([message(topicOf(event), event)]);
  const batches = batchesOf(
    personal.map((result) =>
      message(playerTopic(event.session_id, result.participant_id), personalCopy(event, result)),
    ),
  );
  let isPersonalSent = true;
  for (let i = 0; i < batches.length; i += PARALLEL_BATCHES) {
    const sent = await Promise.all(batches.slice(i, i + PARALLEL_BATCHES).map(send));
    isPersonalSent &&= sent.every(Boolean);
  }
  recordBroadcast(isPublicSent && isPersonalSent);
  if (!isPublicSent || !isPersonalSent)
    logger().error(
      { sessionId: event.session_id, seq: event.seq, type: event.type, isPublicSent, isPersonalSent },
      "broadcast failed",
    );
  return isPublicSent && isPersonalSent;

  function personalCopy(event: GameEvent, result: PersonalResult): GameEvent {
    if (event.type === "question_revealed") return { ...event, me: result.me, my_answer: result.my_answer };
    if (event.type === "session_finished") return { ...event, me: result.me };
    return event;
  }
}

// Well under the smallest request body a Realtime server takes (the local stack's 1 MB), and few enough
// requests that a reveal to 10,000 phones is ~20 of them.
const BATCH_BYTES = 512 * 1024;
const PARALLEL_BATCHES = 4;

/** One message, already serialized: a batch body is the messages joined. */
function message(topic: string, payload: GameEvent): string {
  return JSON.stringify({ topic, event: GAME_EVENT, payload, private: true });
}

function batchesOf(messages: string[]): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const m of messages) {
    if (current.length > 0 && bytes + m.length > BATCH_BYTES) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += m.length + 1;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

async function send(messages: string[]): Promise<boolean> {
  const env = serverEnv();
  const body = `{"messages":[${messages.join(",")}]}`;
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
      if (response.ok) return true;
    } catch {
      // network error or timeout: retry once
    }
  }
  return false;
}

function requestIdHeader(): Record<string, string> {
  const requestId = currentRequestId();
  return requestId ? { "x-request-id": requestId } : {};
}
