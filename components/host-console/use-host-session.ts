"use client";

import { useCallback, useEffect, useState } from "react";
import { useSessionChannel, type ChannelStatus } from "@/components/realtime/use-session-channel";
import { apiFetch, ApiError } from "@/lib/client/api";
import { ServerClock } from "@/lib/client/server-clock";
import { TrailingRefresh } from "@/lib/client/trailing-refresh";
import { hostSnapshotSchema, type HostSnapshot } from "@/lib/game/snapshot";
import { getSupabaseBrowserClient } from "@/lib/supabase/client";
import type { PublicConfig } from "@/lib/env";

export type HostCommand =
  | { action: "start" | "next" | "open" | "pause" | "resume" | "close" | "reveal" | "leaderboard" | "finish" }
  | { action: "kick"; participantId: string }
  | { action: "settings"; isLocked?: boolean; allowLateJoin?: boolean; teamsEnabled?: boolean }
  | { action: "create_team"; name: string };

/**
 * The console's view of one session: the host snapshot, refetched on every realtime event (events are
 * signals, the snapshot is the truth), on resync, and polled while it changes without events — every 1 s
 * in the lobby (arrivals) and every 500 ms while answering (the "N of M answered" count and distribution
 * are coalesced this way instead of broadcasting per answer; DESIGN §2 fan-out budget).
 */
export function useHostSession(config: PublicConfig, sessionId: string, initial: HostSnapshot) {
  const client = getSupabaseBrowserClient(config, "host");
  const [snapshot, setSnapshot] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [clock] = useState(() => new ServerClock());
  // The console's own polls, for the health strip: a server that stops answering shows there.
  const [polls, setPolls] = useState<{ failures: number; lastMs: number | null }>({ failures: 0, lastMs: null });

  const token = useCallback(async () => {
    const { data } = await client.auth.getSession();
    return data.session?.access_token;
  }, [client]);

  const fetchSnapshot = useCallback(async () => {
    const started = performance.now();
    try {
      const raw = await apiFetch<unknown>(`/api/sessions/${sessionId}/snapshot`, { token: await token() });
      const parsed = hostSnapshotSchema.parse(raw);
      clock.observe(parsed.server_now);
      // Never step back: a slow response can arrive after a newer one.
      setSnapshot((current) => (current.session.seq > parsed.session.seq ? current : parsed));
      setPolls({ failures: 0, lastMs: performance.now() - started });
    } catch {
      // A missed poll is healed by the next one or the next event; the strip says so after two.
      setPolls((p) => ({ failures: p.failures + 1, lastMs: p.lastMs }));
    }
  }, [sessionId, token, clock]);
  // One snapshot request at a time, and an event during one always gets a fresh one after it.
  const [gate] = useState(() => new TrailingRefresh());
  const refetch = useCallback(() => gate.run(fetchSnapshot), [gate, fetchSnapshot]);

  const status: ChannelStatus = useSessionChannel({
    client,
    sessionId,
    audience: "stage",
    knownSeq: snapshot.session.seq,
    onEvent: () => void refetch(),
    onResync: () => void refetch(),
  });

  const state = snapshot.session.state;
  useEffect(() => {
    const every = state === "answering" ? 500 : state === "lobby" ? 1000 : null;
    if (!every) return;
    const timer = window.setInterval(() => void refetch(), every);
    return () => window.clearInterval(timer);
  }, [state, refetch]);

  const send = useCallback(
    async (command: HostCommand) => {
      setError(null);
      try {
        await apiFetch(`/api/sessions/${sessionId}/actions`, { body: command, token: await token() });
      } catch (e) {
        // A close racing the automatic one, or a double key press, is harmless: the snapshot shows the truth.
        if (!(e instanceof ApiError && e.code === "invalid_state"))
          setError(e instanceof Error ? e.message : String(e));
      }
      await refetch();
    },
    [sessionId, token, refetch],
  );

  return { snapshot, status, polls, send, error, clock };
}
