"use client";

import type { SupabaseClient } from "@supabase/supabase-js";
import { useCallback, useEffect, useRef, useState } from "react";
import { useSessionChannel } from "@/components/realtime/use-session-channel";
import { ApiError, apiFetch } from "@/lib/client/api";
import { ServerClock } from "@/lib/client/server-clock";
import type { PublicConfig } from "@/lib/env";
import { snapshotSchema, type ScreenSnapshot } from "@/lib/game/snapshot";
import { ensureAccessToken, getSupabaseBrowserClient } from "@/lib/supabase/client";

export type ScreenView = {
  snapshot: ScreenSnapshot;
  /** Ranks at the previous leaderboard this screen showed, for the movement arrows. */
  previousRanks: Map<string, number> | null;
};

export type ScreenGame = { kind: "attaching" } | { kind: "not_found" } | { kind: "ready"; view: ScreenView };

/** Answer counts and the lobby are not broadcast (fan-out budget): the screen polls them while they change. */
const POLL_MS = 1000;

/**
 * The TV's view: attach by PIN (anonymous identity), then the screen snapshot on every event, on resync and,
 * in the lobby and while answering, every second. One screen refetching per event is cheap; it keeps this
 * view exactly what the database says.
 */
export function useScreenGame(config: PublicConfig, pin: string) {
  const [client] = useState<SupabaseClient | null>(() =>
    typeof window === "undefined" ? null : getSupabaseBrowserClient(config, "screen"),
  );
  const [clock] = useState(() => new ServerClock());
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [game, setGame] = useState<ScreenGame>({ kind: "attaching" });
  const [failures, setFailures] = useState(0);
  const board = useRef<{ seq: number; latest: Map<string, number> | null; previous: Map<string, number> | null }>({
    seq: -1,
    latest: null,
    previous: null,
  });

  const refresh = useCallback(async () => {
    if (!client) return;
    try {
      const token = await ensureAccessToken(client, "screen");
      let id = sessionId;
      if (!id) {
        const attached = await apiFetch<{ session: { id: string } }>("/api/screens", { token, body: { pin } });
        id = attached.session.id;
        setSessionId(id);
      }
      const snapshot = snapshotSchema.parse(
        await apiFetch<unknown>(`/api/sessions/${id}/snapshot?view=screen`, { token }),
      );
      if (snapshot.role !== "screen") return;
      clock.observe(snapshot.server_now);
      setFailures(0);
      if (
        snapshot.session.state === "leaderboard" &&
        snapshot.leaderboard &&
        board.current.seq !== snapshot.session.seq
      ) {
        board.current = {
          seq: snapshot.session.seq,
          previous: board.current.latest,
          latest: new Map(snapshot.leaderboard.top.map((row) => [row.participant_id, row.rank])),
        };
      }
      const previousRanks = board.current.previous;
      setGame((current) =>
        current.kind === "ready" && current.view.snapshot.session.seq > snapshot.session.seq
          ? current
          : { kind: "ready", view: { snapshot, previousRanks } },
      );
    } catch (error) {
      if (error instanceof ApiError && ["pin_not_found", "session_not_found"].includes(error.code)) {
        return setGame({ kind: "not_found" });
      }
      setFailures((count) => count + 1);
    }
  }, [client, clock, pin, sessionId]);

  const channelStatus = useSessionChannel({
    client: sessionId ? client : null,
    sessionId,
    audience: "stage",
    knownSeq: game.kind === "ready" ? game.view.snapshot.session.seq : 0,
    onEvent: () => void refresh(),
    onResync: () => void refresh(),
  });

  const state = game.kind === "ready" ? game.view.snapshot.session.state : null;
  // Without a live channel, events may be missed: poll until it is back (a TV must recover by itself).
  const shouldPoll =
    state === null || state === "lobby" || state === "answering" || failures > 0 || channelStatus === "reconnecting";
  useEffect(() => {
    if (game.kind === "not_found") return;
    const delay = game.kind === "attaching" && failures === 0 ? 0 : failures > 0 ? 3000 : POLL_MS;
    if (!shouldPoll && game.kind === "ready") return;
    const timer = setTimeout(() => void refresh(), delay);
    return () => clearTimeout(timer);
  }, [game, failures, shouldPoll, refresh]);

  return { game, clock, channelStatus };
}
