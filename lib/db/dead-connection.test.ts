import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, retryOnDeadConnection, wasNotExecuted } from "./dead-connection";

const failing = (code: string) => Object.assign(new Error(code), { code });

describe("retryOnDeadConnection", () => {
  it("runs a statement again while its connection was dead (nothing ran), until it meets a live one", async () => {
    for (const code of ["57P01", "CONNECT_TIMEOUT", "ECONNREFUSED"]) {
      let calls = 0;
      const result = await retryOnDeadConnection(async () => {
        calls += 1;
        if (calls === 1) throw failing(code);
        return "ok";
      });
      expect([result, calls]).toEqual(["ok", 2]);
    }
    // A whole pool terminated at once: each attempt may be handed another of its dead connections.
    let calls = 0;
    const result = await retryOnDeadConnection(async () => {
      calls += 1;
      if (calls <= 6) throw failing("57P01");
      return "ok";
    });
    expect([result, calls]).toEqual(["ok", 7]);
  });

  it("gives up on a server that stays down after MAX_ATTEMPTS, with its error", async () => {
    let calls = 0;
    const down = retryOnDeadConnection(async () => {
      calls += 1;
      throw failing("ECONNREFUSED");
    });
    await expect(down).rejects.toMatchObject({ code: "ECONNREFUSED" });
    expect(calls).toBe(MAX_ATTEMPTS);
  });

  it("repeats what may have run (a connection lost mid-statement) only when it is idempotent", async () => {
    for (const idempotent of [true, false]) {
      let calls = 0;
      const outcome = await retryOnDeadConnection(
        async () => {
          calls += 1;
          if (calls === 1) throw failing("CONNECTION_CLOSED");
          return "ok";
        },
        { idempotent },
      ).catch((error: { code: string }) => error.code);
      expect([outcome, calls]).toEqual(idempotent ? ["ok", 2] : ["CONNECTION_CLOSED", 1]);
    }
  });

  it("never repeats a rule, a constraint or a statement given up on, nor what may have run when not idempotent", async () => {
    for (const code of ["CONNECTION_CLOSED", "ECONNRESET", "P0001", "23505", "DB_TIMEOUT"]) {
      expect(wasNotExecuted(failing(code))).toBe(false);
      let calls = 0;
      await expect(
        retryOnDeadConnection(async () => {
          calls += 1;
          throw failing(code);
        }),
      ).rejects.toMatchObject({ code });
      expect(calls).toBe(1);
    }
  });
});
