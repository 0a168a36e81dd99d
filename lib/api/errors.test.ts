import { describe, expect, it } from "vitest";
import { AppError, toErrorResponse } from "./errors";

describe("toErrorResponse", () => {
  it("turns a lost database connection into a retryable 503", () => {
    for (const code of ["CONNECTION_CLOSED", "ECONNRESET", "57P01", "08006"]) {
      const response = toErrorResponse(Object.assign(new Error("gone"), { code }));
      expect(response.status).toBe(503);
      expect(response.body.error.code).toBe("unavailable");
      expect(response.headers["retry-after"]).toBe("1");
    }
  });

  it("keeps other unexpected errors a 500 that echoes nothing", () => {
    const response = toErrorResponse(Object.assign(new Error("secret detail"), { code: "42P01" }));
    expect(response).toMatchObject({ status: 500, body: { error: { code: "internal" } }, isUnexpected: true });
    expect(JSON.stringify(response.body)).not.toContain("secret");
  });

  it("maps app errors to their status", () => {
    expect(toErrorResponse(new AppError("rate_limited", "slow down")).status).toBe(429);
  });
});
