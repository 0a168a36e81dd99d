"use client";

import { REALTIME_SUBSCRIBE_STATES, type SupabaseClient } from "@supabase/supabase-js";
import { useEffect, useRef, useState } from "react";
import { gameEventSchema, type GameEvent } from "@/lib/game/events";
import { GAME_EVENT, sessionTopic } from "@/lib/realtime/topics";

export type ChannelStatus = "connecting" | "live" | "reconnecting";

/**
 * Follows one session's private channel. Events are signals: each is parsed with the shared schema and
 * handed over only when it is the next in sequence; on (re)subscribe, on a gap, and when the page comes back
 * to the foreground or online, `onResync` fetches the authoritative snapshot instead. Callbacks live in refs,
 * so a new handler never resubscribes.
 */
export function useSessionChannel(options: {
  client: SupabaseClient | null;
  sessionId: string | null;
  /** The seq the last snapshot reflected; events at or below it are already known. */
  knownSeq: number;
  onEvent: (event: GameEvent) => void;
  onResync: () => void;
}): ChannelStatus {
  const { client, sessionId } = options;
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
    if (!client || !sessionId) return;
    let isActive = true;
    const channel = client.channel(sessionTopic(sessionId), { config: { private: true } });
    channel.on("broadcast", { event: GAME_EVENT }, ({ payload }) => {
      const parsed = gameEventSchema.safeParse(payload);
      if (!parsed.success) return;
      const event = parsed.data;
      if (event.seq <= knownSeq.current) return;
      if (event.seq !== knownSeq.current + 1) {
        onResync.current();
        return;
      }
      knownSeq.current = event.seq;
      onEvent.current(event);
    });
    // Private channels are authorized with the user's JWT: hand the current one to Realtime first.
    void client.realtime.setAuth().then(() => {
      if (!isActive) return;
      channel.subscribe((state) => {
        if (!isActive) return;
        if (state === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED) {
          setStatus("live");
          onResync.current();
        } else if (state === REALTIME_SUBSCRIBE_STATES.CHANNEL_ERROR || state === REALTIME_SUBSCRIBE_STATES.TIMED_OUT) {
          setStatus("reconnecting");
        }
      });
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
      void client.removeChannel(channel);
    };
  }, [client, sessionId]);

  return status;
}
