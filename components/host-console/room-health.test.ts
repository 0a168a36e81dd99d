import { describe, expect, it } from "vitest";
import type { HostSnapshot } from "@/lib/game/snapshot";
import { en } from "@/lib/i18n/en";
import { describeRoomHealth, worstLevel, type RoomHealthInput } from "./room-health";

const t = en.console.health;

function snapshot(state: string, answered: boolean[], slowestAckMs: number | null = null): HostSnapshot {
  return {
    session: { state },
    players: answered.map((has_answered, i) => ({ id: `p${i}`, is_kicked: false, has_answered })),
    health: { slowest_ack_ms: slowestAckMs },
  } as unknown as HostSnapshot;
}

const healthy: Omit<RoomHealthInput, "snapshot"> = { realtime: "live", polls: { failures: 0, lastMs: 40 } };

describe("the host's health strip", () => {
  it("is all green on a healthy room, in plain words", () => {
    const lines = describeRoomHealth({ ...healthy, snapshot: snapshot("answering", [true, false, true], 120) }, t);
    expect(worstLevel(lines)).toBe("ok");
    expect(lines.map((l) => l.text)).toEqual([
      "Realtime connected",
      "2 of 3 answered, 1 still answering",
      "Answers confirmed within 120 ms",
    ]);
  });

  it.each([
    ["realtime down", { realtime: "reconnecting" }, "bad", "Realtime disconnected — retrying"],
    ["realtime connecting", { realtime: "connecting" }, "warn", "Realtime connecting…"],
    ["two failed polls", { polls: { failures: 2, lastMs: 40 } }, "bad", "Server not responding — retrying"],
    ["a slow poll", { polls: { failures: 0, lastMs: 2500 } }, "warn", "Server slow: 2.5 s per update"],
  ] as const)("%s turns it %s, worst first", (_name, change, level, text) => {
    const lines = describeRoomHealth({ ...healthy, ...change, snapshot: snapshot("lobby", [false]) }, t);
    expect(lines[0]).toMatchObject({ level, text });
  });

  it.each([
    [900, "ok", "Answers confirmed within 900 ms"],
    [1500, "warn", "Answers slow: the slowest took 1.5 s"],
    [4200, "bad", "Answers slow: the slowest took 4.2 s"],
  ] as const)("a slowest acknowledgement of %i ms is %s", (ms, level, text) => {
    const lines = describeRoomHealth({ ...healthy, snapshot: snapshot("answering", [true], ms) }, t);
    expect(lines.find((l) => l.id === "ack")).toMatchObject({ level, text });
  });

  it("warns when most of the room did not answer a closed question", () => {
    const lines = describeRoomHealth({ ...healthy, snapshot: snapshot("locked", [true, false, false]) }, t);
    expect(lines[0]).toMatchObject({ level: "warn", text: "2 of 3 players did not answer" });
  });
});
