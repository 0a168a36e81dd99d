import type { ChannelStatus } from "@/components/realtime/use-session-channel";
import type { HostSnapshot } from "@/lib/game/snapshot";
import { format, type Messages } from "@/lib/i18n";

/**
 * The host's health strip in plain words: each line a level and a sentence, worst first. Pure, so the
 * thresholds are unit-tested; the strip only renders what this returns.
 */
export type HealthLevel = "ok" | "warn" | "bad";
export type HealthLine = { id: string; level: HealthLevel; text: string };

export type RoomHealthInput = {
  snapshot: HostSnapshot;
  realtime: ChannelStatus;
  /** The console's own snapshot polls: consecutive failures and the last round trip. */
  polls: { failures: number; lastMs: number | null };
};

// An acknowledgement over 1 s is noticeable on a phone; over 3 s players start tapping again.
const SLOW_ACK_MS = 1_000;
const VERY_SLOW_ACK_MS = 3_000;
const SLOW_POLL_MS = 2_000;

export function describeRoomHealth(input: RoomHealthInput, t: Messages["console"]["health"]): HealthLine[] {
  const { snapshot, realtime, polls } = input;
  const lines: HealthLine[] = [];

  if (realtime === "live") lines.push({ id: "realtime", level: "ok", text: t.realtimeLive });
  else if (realtime === "connecting") lines.push({ id: "realtime", level: "warn", text: t.realtimeConnecting });
  else lines.push({ id: "realtime", level: "bad", text: t.realtimeDown });

  if (polls.failures >= 2) lines.push({ id: "server", level: "bad", text: t.serverDown });
  else if (polls.lastMs !== null && polls.lastMs >= SLOW_POLL_MS)
    lines.push({ id: "server", level: "warn", text: format(t.serverSlow, { seconds: seconds(polls.lastMs) }) });

  const players = snapshot.players.filter((p) => !p.is_kicked);
  const state = snapshot.session.state;
  if (state === "answering") {
    const answered = players.filter((p) => p.has_answered).length;
    lines.push({
      id: "answers",
      level: "ok",
      text: format(t.answering, { answered, total: players.length, waiting: players.length - answered }),
    });
  } else if (state === "locked" || state === "revealed") {
    const missed = players.filter((p) => !p.has_answered).length;
    // Half the room silent on a question usually means phones dropped off, not a hard question.
    const level: HealthLevel = missed === 0 ? "ok" : missed * 2 > players.length ? "warn" : "ok";
    lines.push({
      id: "answers",
      level,
      text: missed === 0 ? t.allAnswered : format(t.missed, { count: missed, total: players.length }),
    });
  } else {
    lines.push({ id: "answers", level: "ok", text: format(t.players, { count: players.length }) });
  }

  const slowest = snapshot.health?.slowest_ack_ms ?? null;
  if (slowest !== null) {
    const level: HealthLevel = slowest >= VERY_SLOW_ACK_MS ? "bad" : slowest >= SLOW_ACK_MS ? "warn" : "ok";
    lines.push({
      id: "ack",
      level,
      text:
        level === "ok"
          ? format(t.ackFast, { ms: Math.round(slowest) })
          : format(t.ackSlow, { seconds: seconds(slowest) }),
    });
  }

  const rank: Record<HealthLevel, number> = { bad: 0, warn: 1, ok: 2 };
  return lines.sort((a, b) => rank[a.level] - rank[b.level]);
}

export function worstLevel(lines: HealthLine[]): HealthLevel {
  return lines.some((l) => l.level === "bad") ? "bad" : lines.some((l) => l.level === "warn") ? "warn" : "ok";
}

const seconds = (ms: number) => (Math.round(ms / 100) / 10).toFixed(1);
