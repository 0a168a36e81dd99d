import { describe, expect, test } from "vitest";
import { availableActions, nextState, type SessionPosition } from "./state";

const at = (state: SessionPosition["state"], extra: Partial<SessionPosition> = {}): SessionPosition => ({
  state,
  questionIndex: 0,
  questionCount: 3,
  isPaused: false,
  ...extra,
});

describe("the session state machine", () => {
  test.each([
    ["lobby", "start", "question"],
    ["question", "open", "answering"],
    ["answering", "close", "locked"],
    ["locked", "reveal", "revealed"],
    ["revealed", "leaderboard", "leaderboard"],
    ["revealed", "next", "question"],
    ["leaderboard", "next", "question"],
    ["question", "next", "question"],
    ["leaderboard", "finish", "finished"],
    ["lobby", "finish", "finished"],
    ["answering", "pause", "answering"],
  ] as const)("%s --%s--> %s", (from, action, to) => {
    expect(nextState(at(from), action)).toBe(to);
  });

  test.each([
    ["lobby", "open"],
    ["answering", "finish"],
    ["answering", "next"],
    ["locked", "next"],
    ["finished", "start"],
    ["question", "reveal"],
    ["answering", "resume"],
  ] as const)("%s refuses %s", (from, action) => {
    expect(nextState(at(from), action)).toBeNull();
  });

  test("next after the last question is refused; pause/resume follow the paused flag", () => {
    expect(nextState(at("revealed", { questionIndex: 2 }), "next")).toBeNull();
    expect(nextState(at("answering", { isPaused: true }), "pause")).toBeNull();
    expect(nextState(at("answering", { isPaused: true }), "resume")).toBe("answering");
  });

  test("available actions", () => {
    expect(availableActions(at("answering"))).toEqual(["pause", "close"]);
    expect(availableActions(at("revealed", { questionIndex: 2 }))).toEqual(["leaderboard", "finish"]);
  });
});
