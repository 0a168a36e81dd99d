/** One private Realtime channel per session; the RLS policy on realtime.messages matches this exact form. */
export const sessionTopic = (sessionId: string) => `session:${sessionId}`;

/** Broadcast event names on a session channel: one for game events (typed by their `type`). */
export const GAME_EVENT = "game";
