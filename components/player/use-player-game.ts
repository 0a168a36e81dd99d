"use client";

import type { SupabaseClient } from "@supabase/supabase-js";
import { useCallback, useEffect, useRef, useState } from "react";
import { useSessionChannel, type ChannelStatus } from "@/components/realtime/use-session-channel";
import { ApiError, apiFetch } from "@/lib/client/api";
import { ServerClock } from "@/lib/client/server-clock";
import type { PublicConfig } from "@/lib/env";
import type { GameEvent } from "@/lib/game/events";
import { snapshotSchema, type PlayerSnapshot } from "@/lib/game/snapshot";
import { ensureAccessToken, ensureIdentity, getSupabaseBrowserClient } from "@/lib/supabase/client";
import { applyPlayerEvent } from "./apply-event";

const FIRST_LOAD_WITHOUT_REALTIME_MS = 2000;

export type PlayerGame =
  { kind: "loading" } | { kind: "ready"; snapshot: PlayerSnapshot } | { kind: "kicked" } | { kind: "not_in_game" };

/**
 * The player's view of a session: the snapshot on every resync (once both of the player's topics are live,
 * reconnects, seq gaps), events folded in between. Returns the clock too: countdowns follow the server's
 * deadline. The phone subscribes first and loads second, so one snapshot covers both (a snapshot taken before
 * the subscription would have to be taken again after it).
 */
export function usePlayerGame(config: PublicConfig, sessionId: string) {
  // Created in the browser only: the anonymous identity lives in localStorage.
  const [client] = useState<SupabaseClient | null>(() =>
    typeof window === "undefined" ? null : getSupabaseBrowserClient(config, "player"),
  );
  const [clock] = useState(() => new ServerClock());
  const [game, setGame] = useState<PlayerGame>({ kind: "loading" });
  const [userId, setUserId] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  const seqRef = useRef(0);

  const refresh = useCallback(async () => {
    if (!client) return;
    try {
      const token = await ensureAccessToken(client, "player");
      const snapshot = snapshotSchema.parse(await apiFetch<unknown>(`/api/sessions/${sessionId}/snapshot`, { token }));
      if (snapshot.role !== "player") return setGame({ kind: "not_in_game" });
      clock.observe(snapshot.server_now);
      setFailures(0);
      // An event may have landed while the request was in flight: never step back in time.
      if (snapshot.session.player_seq < seqRef.current) return;
      seqRef.current = snapshot.session.player_seq;
      setGame({ kind: "ready", snapshot });
    } catch (error) {
      if (error instanceof ApiError && error.code === "kicked") return setGame({ kind: "kicked" });
      if (error instanceof ApiError && ["not_participant", "session_not_found"].includes(error.code)) {
        return setGame({ kind: "not_in_game" });
      }
      setFailures((count) => count + 1);
    }
  }, [client, clock, sessionId]);

  // Signed in (anonymously, at once if this phone has no identity yet): the topics can be followed. An
  // offline phone tries again every few seconds.
  useEffect(() => {
    if (!client || userId) return;
    let isActive = true;
    const timer = setTimeout(
      () =>
        void ensureIdentity(client, "player").then(
          (identity) => isActive && setUserId(identity.userId),
          () => isActive && setFailures((count) => count + 1),
        ),
      failures > 0 ? 3000 : 0,
    );
    return () => {
      isActive = false;
      clearTimeout(timer);
    };
  }, [client, userId, failures]);

  // The first load comes with the topics going live (the channel's resync). Without them after a moment
  // (Realtime down, or this phone is not a player here: the snapshot says why), load anyway; after a failure
  // (offline phone), again every few seconds, without any tap.
  useEffect(() => {
    if (!userId || (game.kind !== "loading" && failures === 0)) return;
    const timer = setTimeout(() => void refresh(), failures > 0 ? 3000 : FIRST_LOAD_WITHOUT_REALTIME_MS);
    return () => clearTimeout(timer);
  }, [failures, refresh, userId, game.kind]);

  const onEvent = useCallback(
    (event: GameEvent) => {
      if (event.type === "question_opened" || event.type === "question_resumed") clock.observe(event.server_now);
      seqRef.current = Math.max(seqRef.current, event.player_seq);
      setGame((current) => {
        if (current.kind !== "ready") return current;
        if (event.type === "player_kicked" && event.participant_id === current.snapshot.me.participant.id) {
          return { kind: "kicked" };
        }
        return { kind: "ready", snapshot: applyPlayerEvent(current.snapshot, event) };
      });
    },
    [clock],
  );

  const isFollowing = userId !== null && (game.kind === "loading" || game.kind === "ready");
  const channelStatus: ChannelStatus = useSessionChannel({
    client: isFollowing ? client : null,
    sessionId,
    audience: "player",
    userId,
    knownSeq: game.kind === "ready" ? game.snapshot.session.player_seq : 0,
    onEvent,
    onResync: () => void refresh(),
  });

  // While the channel is down, events may be missed: look at the snapshot now and then until it is back.
  useEffect(() => {
    if (channelStatus !== "reconnecting") return;
    const timer = setInterval(() => void refresh(), 4000 + Math.random() * 2000);
    return () => clearInterval(timer);
  }, [channelStatus, refresh]);

  const token = useCallback(async () => {
    if (!client) throw new ApiError(0, "network", "Not ready");
    return ensureAccessToken(client, "player");
  }, [client]);

  return { game, clock, channelStatus, loadFailed: failures > 0, token, refresh };
}
