import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { deliverAnswer, type DeliveryState } from "./deliver-answer";

const noSleep = async () => {};

describe("deliverAnswer", () => {
  it("retries network failures with the same request until acknowledged", async () => {
    const outcomes = [new ApiError(0, "network", "offline"), new ApiError(503, "internal", "busy")];
    let calls = 0;
    const states: DeliveryState["status"][] = [];
    const final = await deliverAnswer({
      send: async () => {
        calls++;
        const next = outcomes.shift();
        if (next) throw next;
        return { answer: { received_at: "2026-11-22T00:00:00Z" } };
      },
      msLeft: () => 10_000,
      onState: (s) => states.push(s.status),
      sleep: noSleep,
    });
    expect(calls).toBe(3);
    expect(final).toEqual({ status: "acknowledged", receivedAt: "2026-11-22T00:00:00Z" });
    expect(states.at(-1)).toBe("acknowledged");
  });

  it("gives up when the deadline has passed, and says so", async () => {
    const final = await deliverAnswer({
      send: () => Promise.reject(new ApiError(0, "network", "offline")),
      msLeft: () => 100,
      onState: () => {},
      sleep: noSleep,
    });
    expect(final).toEqual({ status: "expired" });
  });

  it("does not retry what the server refused", async () => {
    let calls = 0;
    const final = await deliverAnswer({
      send: () => {
        calls++;
        return Promise.reject(new ApiError(409, "already_answered", "You already answered"));
      },
      msLeft: () => 10_000,
      onState: () => {},
      sleep: noSleep,
    });
    expect(calls).toBe(1);
    expect(final).toMatchObject({ status: "rejected", code: "already_answered" });
  });

  it.each([
    ["too_late", 410],
    ["question_not_open", 409],
  ])("treats the server's %s as expired (the answer arrived after the deadline)", async (code, status) => {
    const final = await deliverAnswer({
      send: () => Promise.reject(new ApiError(status, code, "Too late")),
      msLeft: () => 10_000,
      onState: () => {},
      sleep: noSleep,
    });
    expect(final).toEqual({ status: "expired" });
  });
});
