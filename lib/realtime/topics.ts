import type { GameEvent } from "@/lib/game/events";

/**
 * Two private Realtime channels per session; the RLS policy on realtime.messages matches these exact forms.
 * Everyone (players, host, screens) joins the session's topic; the host and screens also join its stage
 * topic, which carries what only they show (see lib/game/events.ts).
 */
export const sessionTopic = (sessionId: string) => `session:${sessionId}`;
export const stageTopic = (sessionId: string) => `session:${sessionId}:stage`;

export const topicOf = (event: GameEvent) =>
  event.audience === "stage" ? stageTopic(event.session_id) : sessionTopic(event.session_id);

/** Broadcast event names on a session channel: one for game events (typed by their `type`). */
export const GAME_EVENT = "game";
