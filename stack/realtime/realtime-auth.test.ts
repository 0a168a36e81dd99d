import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { privateChannel, securityFixture } from "./security-fixture";
import { forgedToken, RawSocket, sleep, subscribe, userToken, waitFor } from "./test-helpers";

/** Token checks (connect, join, access_token refresh, expiry) and the HTTP endpoint's auth. */

const fx = securityFixture();
const client = fx.client;
const post = fx.post;
const alice = randomUUID();
const bob = randomUUID();

describe("tokens", () => {
  it("refuses joins with expired, forged and malformed tokens", async () => {
    const expired = await subscribe(
      client({ token: await userToken(fx.stack.keys, alice, { expiresIn: -5 }) }).channel("t1"),
    );
    expect(expired.status).toBe("CHANNEL_ERROR");
    expect(expired.error?.message).toMatch(/^InvalidJWTToken: Token has expired \d+ seconds ago$/);

    const forged = await subscribe(client({ token: await forgedToken(fx.stack.keys, alice) }).channel("t2"));
    expect(forged.error?.message).toBe("JwtSignatureError: Failed to validate JWT signature");

    const malformed = await subscribe(client({ token: "not-a-jwt" }).channel("t3"));
    expect(malformed.error?.message).toBe("MalformedJWT: The token provided is not a valid JWT");
  });

  it("refuses the WebSocket upgrade for a missing, forged or expired apikey", async () => {
    const forged = await forgedToken(fx.stack.keys, alice);
    await expect(RawSocket.open(fx.stack.apiUrl, forged)).rejects.toMatchObject({
      status: 401,
      body: JSON.stringify({ error: "Failed to validate JWT signature" }),
    });
    await expect(
      RawSocket.open(fx.stack.apiUrl, await userToken(fx.stack.keys, alice, { expiresIn: -5 })),
    ).rejects.toMatchObject({
      status: 401,
      body: JSON.stringify({ error: "Token has expired" }),
    });
    await expect(RawSocket.open(fx.stack.apiUrl, "")).rejects.toMatchObject({ status: 401 });
    await expect(RawSocket.open(fx.stack.apiUrl, fx.stack.keys.anonKey, "3.0.0")).rejects.toMatchObject({
      status: 403,
    });
  });

  it("closes the channel when access_token is updated to an expired token", async () => {
    const c = client({ token: await userToken(fx.stack.keys, alice) });
    const statuses: string[] = [];
    const system: unknown[] = [];
    const ch = privateChannel(c, `room-${alice}`).on("system", {}, (m) => system.push(m));
    ch.subscribe((s) => statuses.push(s));
    await waitFor(() => statuses.includes("SUBSCRIBED"), 3000, "subscribed");
    await c.realtime.setAuth(await userToken(fx.stack.keys, alice, { expiresIn: -5 }));
    await waitFor(() => statuses.includes("CLOSED"), 3000, "closed");
    expect(system[0]).toMatchObject({ extension: "system", status: "error", channel: `room-${alice}` });
    expect((system[0] as { message: string }).message).toMatch(/^Token has expired \d+ seconds ago$/);
  });

  it("closes the channel when the join token expires while subscribed", async () => {
    const c = client({ token: await userToken(fx.stack.keys, alice, { expiresIn: 2 }) });
    const statuses: string[] = [];
    c.channel("short-lived").subscribe((s) => statuses.push(s));
    await waitFor(() => statuses.includes("SUBSCRIBED"), 3000, "subscribed");
    await waitFor(() => statuses.includes("CLOSED"), 5000, "closed at expiry");
  });

  it("re-authorizes on access_token refresh and keeps the channel", async () => {
    const c = client({ token: await userToken(fx.stack.keys, alice) });
    const got: unknown[] = [];
    const statuses: string[] = [];
    privateChannel(c, `room-${alice}`)
      .on("broadcast", { event: "*" }, (m) => got.push(m))
      .subscribe((s) => statuses.push(s));
    await waitFor(() => statuses.includes("SUBSCRIBED"), 3000, "subscribed");
    await c.realtime.setAuth(await userToken(fx.stack.keys, alice));
    await sleep(200);
    await post(
      "",
      { messages: [{ topic: `room-${alice}`, event: "after", payload: {}, private: true }] },
      {
        authorization: `Bearer ${fx.stack.keys.serviceRoleKey}`,
      },
    );
    await waitFor(() => got.length === 1, 2000, "still subscribed");
    expect(statuses).not.toContain("CLOSED");
  });
});

describe("HTTP broadcast auth", () => {
  it("401 without or with a bad token, CORS preflight, 422 on bad bodies", async () => {
    expect((await post("", { messages: [] }, {})).status).toBe(401);
    const bad = await post(
      "",
      { messages: [{ topic: "x", event: "e", payload: {} }] },
      { authorization: "Bearer nope" },
    );
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ message: "Unauthorized" });
    const preflight = await fetch(`${fx.stack.apiUrl}/realtime/v1/api/broadcast`, { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    const key = { apikey: fx.stack.keys.serviceRoleKey };
    expect((await post("", { messages: [{ topic: "x", payload: {} }] }, key)).status).toBe(422);
    expect((await post("", { nope: 1 }, key)).status).toBe(422);
    expect((await post("", "{not json", key)).status).toBe(400);
  });

  it("private batch messages without permission are dropped with 202; the single endpoint answers 403", async () => {
    const c = client({ token: await userToken(fx.stack.keys, alice) });
    const got: unknown[] = [];
    expect(
      (await subscribe(privateChannel(c, `room-${alice}`).on("broadcast", { event: "*" }, (m) => got.push(m)))).status,
    ).toBe("SUBSCRIBED");
    const anon = { authorization: `Bearer ${fx.stack.keys.anonKey}` };
    const bobAuth = { authorization: `Bearer ${await userToken(fx.stack.keys, bob)}` };
    const aliceAuth = { authorization: `Bearer ${await userToken(fx.stack.keys, alice)}` };
    const msg = { messages: [{ topic: `room-${alice}`, event: "x", payload: {}, private: true }] };
    expect((await post("", msg, anon)).status).toBe(202);
    expect((await post("", msg, bobAuth)).status).toBe(202);
    const single = await post(`/room-${alice}/events/y?private=true`, { a: 1 }, bobAuth);
    expect(single.status).toBe(403);
    expect(await single.json()).toEqual({ message: "Unauthorized" });
    await sleep(150);
    expect(got).toHaveLength(0);
    // With the INSERT policy (alice on her own room) both endpoints deliver.
    expect((await post("", msg, aliceAuth)).status).toBe(202);
    expect((await post(`/room-${alice}/events/y?private=true`, { a: 1 }, aliceAuth)).status).toBe(202);
    await waitFor(() => got.length === 2, 2000, "authorized deliveries");
  });
});
