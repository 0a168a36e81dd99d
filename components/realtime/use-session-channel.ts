"use client";

import { REALTIME_SUBSCRIBE_STATES, type SupabaseClient } from "@supabase/supabase-js";
import { useEffect, useRef, useState } from "react";
import { gameEventSchema, type GameEvent } from "@/lib/game/events";
import { GAME_EVENT, playerTopic, sessionTopic, stageTopic } from "@/lib/realtime/topics";

export type ChannelStatus = "connecting" | "live" | "reconnecting";

/**
 * Follows a session's private channels (lib/realtime/topics.ts): a player its session topic and its own topic
 * (its copies of the reveal and the end, with its result); the host and screens the session and stage topics. Events are signals: each is parsed with the shared schema and handed over
 * only when it is the next in the viewer's sequence (`player_seq` for players, `seq` for the stage); on
 * (re)subscribe, on a gap, and when the page comes back to the foreground or online, `onResync` fetches the
 * authoritative snapshot instead (once per (re)subscribe of all its topics). Callbacks live in refs, so a new handler never resubscribes.
 */
export function useSessionChannel(options: {
  client: SupabaseClient | null;
  sessionId: string | null;
  audience: "player" | "stage";
  /** A player's user id: its own topic. Required for audience "player". */
  userId?: string | null;
  /** The sequence number the last snapshot reflected (player_seq or seq); events at or below it are known. */
  knownSeq: number;
  onEvent: (event: GameEvent) => void;
  onResync: () => void;
}): ChannelStatus {
  const { client, sessionId, audience, userId } = options;
  const [status, setStatus] = useState<ChannelStatus>("connecting");
  const onEvent = useRef(options.onEvent);
  const onResync = useRef(options.onResync);
  const knownSeq = useRef(options.knownSeq);
  useEffect(() => {
    onEvent.current = options.onEvent;
    onResync.current = options.onResync;
    knownSeq.current = Math.max(knownSeq.current, options.knownSeq);
  });

  useEffect(() => {
    if (!client || !sessionId || (audience === "player" && !userId)) return;
    let isActive = true;
    const sequenceOf = (event: GameEvent) => (audience === "player" ? event.player_seq : event.seq);
    const topics =
      audience === "player"
        ? [sessionTopic(sessionId), playerTopic(sessionId, userId!)]
        : [sessionTopic(sessionId), stageTopic(sessionId)];
    const channels = topics.map((topic) => client.channel(topic, { config: { private: true } }));
    const live = new Set<string>();
    for (const channel of channels) {
      channel.on("broadcast", { event: GAME_EVENT }, ({ payload }) => {
        const parsed = gameEventSchema.safeParse(payload);
        if (!parsed.success) return;
        const event = parsed.data;
        const sequence = sequenceOf(event);
        if (sequence <= knownSeq.current) return;
        if (sequence !== knownSeq.current + 1) {
          onResync.current();
          return;
        }
        knownSeq.current = sequence;
        onEvent.current(event);
      });
    }
    // Private channels are authorized with the user's JWT: hand the current one to Realtime first.
    void client.realtime.setAuth().then(() => {
      if (!isActive) return;
      for (const channel of channels) {
        channel.subscribe((state) => {
          if (!isActive) return;
          if (state === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED) {
            live.add(channel.topic);
            // Once every topic is live (again), events may have been missed meanwhile: one resync.
            if (live.size === channels.length) {
              setStatus("live");
              onResync.current();
            }
          } else if (
            state === REALTIME_SUBSCRIBE_STATES.CHANNEL_ERROR ||
            state === REALTIME_SUBSCRIBE_STATES.TIMED_OUT ||
            state === REALTIME_SUBSCRIBE_STATES.CLOSED
          ) {
            live.delete(channel.topic);
            setStatus("reconnecting");
          }
        });
      }
    });
    const resyncWhenBack = () => {
      if (document.visibilityState === "visible") onResync.current();
    };
    document.addEventListener("visibilitychange", resyncWhenBack);
    window.addEventListener("online", resyncWhenBack);
    return () => {
      isActive = false;
      document.removeEventListener("visibilitychange", resyncWhenBack);
      window.removeEventListener("online", resyncWhenBack);
      for (const channel of channels) void client.removeChannel(channel);
    };
  }, [client, sessionId, audience, userId]);

  return status;
}
