import { describe, expect, test } from "vitest";
import { GAME_ERROR_CODES, GAME_ERROR_STATUS, GameError, isGameErrorCode } from "./errors";

describe("game errors", () => {
  test("every code maps to one of the allowed statuses", () => {
    for (const code of GAME_ERROR_CODES)
      expect([400, 401, 403, 404, 409, 410, 422, 429]).toContain(GAME_ERROR_STATUS[code]);
  });

  test("GameError carries code and status", () => {
    const error = new GameError("too_late", "Time is up");
    expect([error.code, error.status, error.message]).toEqual(["too_late", 410, "Time is up"]);
    expect(isGameErrorCode("name_taken")).toBe(true);
    expect(isGameErrorCode("toString")).toBe(false);
  });
});
