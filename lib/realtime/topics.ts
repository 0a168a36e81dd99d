import type { GameEvent } from "@/lib/game/events";

/**
 * Private Realtime channels of a session; the RLS policy on realtime.messages (game.can_receive) matches
 * these exact forms. Everyone (players, host, screens) joins the session's topic; the host and screens also
 * join its stage topic, which carries what only they show and the public copy of personal events; each player
 * also joins a topic of their own, which carries their copy of personal events (see lib/game/events.ts).
 */
export const sessionTopic = (sessionId: string) => `session:${sessionId}`;
export const stageTopic = (sessionId: string) => `session:${sessionId}:stage`;
/** A player's own topic, named by their user id (which the phone knows before it has fetched anything). */
export const playerTopic = (sessionId: string, userId: string) => `session:${sessionId}:user:${userId}`;

/** The topic of an event's public copy. */
export const topicOf = (event: GameEvent) =>
  event.audience === "everyone" ? sessionTopic(event.session_id) : stageTopic(event.session_id);

/** Broadcast event names on a session channel: one for game events (typed by their `type`). */
export const GAME_EVENT = "game";
