import "server-only";
import type { GameEvent, PersonalResult } from "@/lib/game/events";
import { serverEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { recordBroadcast } from "@/lib/observability/metrics";
import { currentRequestId } from "@/lib/observability/request-context";
import { BroadcastSender } from "./broadcast-sender";
import { GAME_EVENT, playerTopic, topicOf } from "./topics";

// One sender per server instance (kept on globalThis so Next's dev-mode reloads do not multiply it). Batches
// well under the smallest request body a Realtime server takes (the local stack's 1 MB): a reveal to 10,000
// phones is ~20 requests.
const holder = globalThis as typeof globalThis & { __pubquizBroadcasts?: BroadcastSender };
const sender = (holder.__pubquizBroadcasts ??= new BroadcastSender({
  batchBytes: 512 * 1024,
  parallel: 4,
  timeoutMs: 3000,
}));

/**
 * Sends a game event through Realtime's HTTP broadcast endpoint with the service key: only the server ever
 * sends. The public copy goes to its audience's private channel (lib/realtime/topics.ts) and Realtime fans it
 * out; a personal event (the reveal, the end) also goes to each player's own channel with their result. Events
 * sent at the same moment share requests (lib/realtime/broadcast-sender.ts). The request id goes along as
 * `x-request-id`, so the local stack's log (STACK_LOG=debug) or a proxy's can be joined with the app's. A
 * failure is reported, never thrown: the database already holds the truth, and clients heal gaps from the
 * snapshot (events carry `seq` and `player_seq`).
 */
export async function broadcastGameEvent(event: GameEvent, personal: readonly PersonalResult[] = []): Promise<boolean> {
  const env = serverEnv();
  const messages = [
    message(topicOf(event), event),
    ...personal.map((result) => message(playerTopic(event.session_id, result.user_id), personalCopy(event, result))),
  ];
  const delivered = await sender.send(messages, {
    url: env.NEXT_PUBLIC_SUPABASE_URL,
    serviceKey: env.SUPABASE_SERVICE_ROLE_KEY,
    requestId: currentRequestId(),
  });
  recordBroadcast(delivered);
  if (!delivered)
    logger().error(
      { sessionId: event.session_id, seq: event.seq, type: event.type, messages: messages.length },
      "broadcast failed",
    );
  return delivered;
}

function personalCopy(event: GameEvent, result: PersonalResult): GameEvent {
  if (event.type === "question_revealed") return { ...event, me: result.me, my_answer: result.my_answer };
  if (event.type === "session_finished") return { ...event, me: result.me };
  return event;
}

/** One message, already serialized: a request's body is the messages joined. */
function message(topic: string, payload: GameEvent): string {
  return JSON.stringify({ topic, event: GAME_EVENT, payload, private: true });
}
