import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRealtimeTestClient, type RealtimeTestStack, type TestClient } from "./test-stack";
import {
  closeClient,
  startFullStack,
  forgedToken,
  RawSocket,
  sleep,
  subscribe,
  userToken,
  waitFor,
} from "./test-helpers";

/**
 * Private channels authorized by RLS on realtime.messages, token checks, and the HTTP endpoint's auth.
 *
 * Policies (as Supabase documents them): an authenticated user may read and write `room-<uid>`, may only
 * read `lobby`, and nothing else.
 */

let stack: RealtimeTestStack;
const clients: TestClient[] = [];
const alice = randomUUID();
const bob = randomUUID();

beforeAll(async () => {
  stack = await startFullStack();
  await stack.db.sql.unsafe(`
    create policy "rt read own room" on realtime.messages for select to authenticated
      using (realtime.topic() = 'room-' || auth.uid()::text and extension in ('broadcast', 'presence'));
    create policy "rt write own room" on realtime.messages for insert to authenticated
      with check (realtime.topic() = 'room-' || auth.uid()::text and extension in ('broadcast', 'presence'));
    create policy "rt read lobby" on realtime.messages for select to authenticated
      using (realtime.topic() = 'lobby');
  `);
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map(closeClient));
});

afterAll(async () => {
  await stack?.stop();
});

function client(opts: { vsn?: "1.0.0" | "2.0.0"; token?: string; key?: string; timeout?: number } = {}) {
  const c = createRealtimeTestClient(stack.apiUrl, opts.key ?? stack.keys.anonKey, {
    vsn: opts.vsn,
    timeout: opts.timeout,
  });
  if (opts.token) void c.realtime.setAuth(opts.token);
  clients.push(c);
  return c;
}

const privateChannel = (c: TestClient, topic: string, config: Record<string, unknown> = {}) =>
  c.channel(topic, { config: { private: true, ...config } });

function post(path: string, body: unknown, headers: Record<string, string>) {
  return fetch(`${stack.apiUrl}/realtime/v1/api/broadcast${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe.each(["2.0.0", "1.0.0"] as const)("private channels, vsn %s", (vsn) => {
  it("lets a user join their own room and receive server broadcasts", async () => {
    const c = client({ vsn, token: await userToken(stack.keys, alice) });
    const got: unknown[] = [];
    const ch = privateChannel(c, `room-${alice}`).on("broadcast", { event: "*" }, (m) => got.push(m));
    expect((await subscribe(ch)).status).toBe("SUBSCRIBED");
    const res = await post(
      "",
      { messages: [{ topic: `room-${alice}`, event: "q", payload: { n: 1 }, private: true }] },
      {
        authorization: `Bearer ${stack.keys.serviceRoleKey}`,
      },
    );
    expect(res.status).toBe(202);
    await waitFor(() => got.length === 1, 2000, "private delivery");
    expect(got[0]).toMatchObject({ event: "q", payload: { n: 1 } });
  });

  it("denies a join without a SELECT policy, with Supabase's reason", async () => {
    const c = client({ vsn, token: await userToken(stack.keys, alice) });
    const result = await subscribe(privateChannel(c, `room-${bob}`));
    expect(result.status).toBe("CHANNEL_ERROR");
    expect(result.error?.message).toBe(
      `Unauthorized: You do not have permissions to read from this Channel topic: room-${bob}`,
    );
  });

  it("denies the anon key on a private channel", async () => {
    const result = await subscribe(privateChannel(client({ vsn }), "lobby"));
    expect(result.status).toBe("CHANNEL_ERROR");
    expect(result.error?.message).toContain(
      "Unauthorized: You do not have permissions to read from this Channel topic: lobby",
    );
  });

  it("drops client sends without an INSERT policy (no reply → 'timed out'), delivers with one", async () => {
    const token = await userToken(stack.keys, alice);
    const listener = client({ vsn, token: await userToken(stack.keys, alice) });
    const got: unknown[] = [];
    const lobbyListener = privateChannel(listener, "lobby").on("broadcast", { event: "*" }, (m) => got.push(m));
    expect((await subscribe(lobbyListener)).status).toBe("SUBSCRIBED");

    const sender = client({ vsn, token, timeout: 700 });
    const lobby = privateChannel(sender, "lobby", { broadcast: { ack: true } });
    expect((await subscribe(lobby)).status).toBe("SUBSCRIBED");
    expect(await lobby.send({ type: "broadcast", event: "cheat", payload: {} })).toBe("timed out");
    await sleep(100);
    expect(got).toHaveLength(0);

    const ownGot: unknown[] = [];
    const ownListener = privateChannel(listener, `room-${alice}`).on("broadcast", { event: "*" }, (m) =>
      ownGot.push(m),
    );
    expect((await subscribe(ownListener)).status).toBe("SUBSCRIBED");
    const own = privateChannel(sender, `room-${alice}`, { broadcast: { ack: true } });
    expect((await subscribe(own)).status).toBe("SUBSCRIBED");
    expect(await own.send({ type: "broadcast", event: "fine", payload: { ok: true } })).toBe("ok");
    await waitFor(() => ownGot.length === 1, 2000, "allowed send");
  });

  it("authorizes presence on private channels through the same policies", async () => {
    const c = client({ vsn, token: await userToken(stack.keys, alice), timeout: 1000 });
    const own = privateChannel(c, `room-${alice}`, { presence: { key: "me" } });
    own.on("presence", { event: "sync" }, () => {});
    expect((await subscribe(own)).status).toBe("SUBSCRIBED");
    expect(await own.track({ here: true })).toBe("ok");
    await waitFor(() => own.presenceState().me, 2000, "own presence");

    const lobby = privateChannel(c, "lobby", { presence: { key: "me" } });
    lobby.on("presence", { event: "sync" }, () => {});
    expect((await subscribe(lobby)).status).toBe("SUBSCRIBED");
    expect(await lobby.track({ here: true })).toBe("error"); // read-only topic
  });

  it("lets the service_role key read and write any private channel", async () => {
    const c = client({ vsn, key: stack.keys.serviceRoleKey, timeout: 1000 });
    const ch = privateChannel(c, "anything-at-all", { broadcast: { ack: true, self: true } });
    const got: unknown[] = [];
    ch.on("broadcast", { event: "*" }, (m) => got.push(m));
    expect((await subscribe(ch)).status).toBe("SUBSCRIBED");
    expect(await ch.send({ type: "broadcast", event: "admin", payload: {} })).toBe("ok");
    await waitFor(() => got.length === 1, 2000, "self delivery");
  });

  it("keeps the private and the public namespace of a topic apart", async () => {
    const token = await userToken(stack.keys, alice);
    const c = client({ vsn, token });
    const priv: unknown[] = [];
    const pub: unknown[] = [];
    expect(
      (await subscribe(privateChannel(c, `room-${alice}`).on("broadcast", { event: "*" }, (m) => priv.push(m)))).status,
    ).toBe("SUBSCRIBED");
    const c2 = client({ vsn });
    expect(
      (await subscribe(c2.channel(`room-${alice}`).on("broadcast", { event: "*" }, (m) => pub.push(m)))).status,
    ).toBe("SUBSCRIBED");
    const auth = { authorization: `Bearer ${stack.keys.serviceRoleKey}` };
    await post("", { messages: [{ topic: `room-${alice}`, event: "public-one", payload: {} }] }, auth);
    await post("", { messages: [{ topic: `room-${alice}`, event: "private-one", payload: {}, private: true }] }, auth);
    await waitFor(() => priv.length === 1 && pub.length === 1, 2000, "one each");
    await sleep(100);
    expect(priv).toEqual([{ type: "broadcast", event: "private-one", payload: {} }]);
    expect(pub).toEqual([{ type: "broadcast", event: "public-one", payload: {} }]);
  });
});

describe("batched read checks", () => {
  async function wave(users: string[], extra: (user: string, i: number) => Array<{ topic: string; ok: boolean }>) {
    const cases = users.flatMap((user, i) => [
      { user, topic: `room-${user}`, ok: true },
      { user, topic: `room-${users[(i + 1) % users.length]}`, ok: false },
      { user, topic: "lobby", ok: true },
      ...extra(user, i).map((e) => ({ user, ...e })),
    ]);
    // One socket per user, all joins at once: they land in the same batches.
    const perUser = new Map(users.map((u) => [u, client({})]));
    await Promise.all(users.map(async (u) => perUser.get(u)!.realtime.setAuth(await userToken(stack.keys, u))));
    const queriesBefore = stack.realtime.stats?.().authorization_queries as number;
    const results = await Promise.all(cases.map((k) => subscribe(privateChannel(perUser.get(k.user)!, k.topic))));
    const queries = (stack.realtime.stats?.().authorization_queries as number) - queriesBefore;
    expect(results.map((r) => r.status)).toEqual(cases.map((k) => (k.ok ? "SUBSCRIBED" : "CHANNEL_ERROR")));
    return { joins: cases.length, queries };
  }

  it("answers a wave of concurrent private joins correctly in few transactions", async () => {
    const { joins, queries } = await wave(
      Array.from({ length: 10 }, () => randomUUID()),
      () => [],
    );
    // PGlite runs one check transaction at a time, so nearly all joins share a few; real Postgres runs up
    // to four at once and batches less.
    expect(queries).toBeLessThan(stack.db.backend === "pglite" ? joins / 2 : joins);
  });

  it("isolates a policy that raises: only that join is refused", async () => {
    await stack.db.sql.unsafe(`
      create policy "rt boom" on realtime.messages for select to authenticated
        using (case when realtime.topic() = 'boom' then (1 / (length(realtime.topic()) - 4)) = 1 else false end);`);
    try {
      await wave(
        Array.from({ length: 6 }, () => randomUUID()),
        (_, i) => (i % 3 === 0 ? [{ topic: "boom", ok: false }] : []),
      );
    } finally {
      await stack.db.sql.unsafe(`drop policy "rt boom" on realtime.messages`);
    }
  });
});

describe("tokens", () => {
  it("refuses joins with expired, forged and malformed tokens", async () => {
    const expired = await subscribe(
      client({ token: await userToken(stack.keys, alice, { expiresIn: -5 }) }).channel("t1"),
    );
    expect(expired.status).toBe("CHANNEL_ERROR");
    expect(expired.error?.message).toMatch(/^InvalidJWTToken: Token has expired \d+ seconds ago$/);

    const forged = await subscribe(client({ token: await forgedToken(stack.keys, alice) }).channel("t2"));
    expect(forged.error?.message).toBe("JwtSignatureError: Failed to validate JWT signature");

    const malformed = await subscribe(client({ token: "not-a-jwt" }).channel("t3"));
    expect(malformed.error?.message).toBe("MalformedJWT: The token provided is not a valid JWT");
  });

  it("refuses the WebSocket upgrade for a missing, forged or expired apikey", async () => {
    const forged = await forgedToken(stack.keys, alice);
    await expect(RawSocket.open(stack.apiUrl, forged)).rejects.toMatchObject({
      status: 401,
      body: JSON.stringify({ error: "Failed to validate JWT signature" }),
    });
    await expect(
      RawSocket.open(stack.apiUrl, await userToken(stack.keys, alice, { expiresIn: -5 })),
    ).rejects.toMatchObject({
      status: 401,
      body: JSON.stringify({ error: "Token has expired" }),
    });
    await expect(RawSocket.open(stack.apiUrl, "")).rejects.toMatchObject({ status: 401 });
    await expect(RawSocket.open(stack.apiUrl, stack.keys.anonKey, "3.0.0")).rejects.toMatchObject({ status: 403 });
  });

  it("closes the channel when access_token is updated to an expired token", async () => {
    const c = client({ token: await userToken(stack.keys, alice) });
    const statuses: string[] = [];
    const system: unknown[] = [];
    const ch = privateChannel(c, `room-${alice}`).on("system", {}, (m) => system.push(m));
    ch.subscribe((s) => statuses.push(s));
    await waitFor(() => statuses.includes("SUBSCRIBED"), 3000, "subscribed");
    await c.realtime.setAuth(await userToken(stack.keys, alice, { expiresIn: -5 }));
    await waitFor(() => statuses.includes("CLOSED"), 3000, "closed");
    expect(system[0]).toMatchObject({ extension: "system", status: "error", channel: `room-${alice}` });
    expect((system[0] as { message: string }).message).toMatch(/^Token has expired \d+ seconds ago$/);
  });

  it("closes the channel when the join token expires while subscribed", async () => {
    const c = client({ token: await userToken(stack.keys, alice, { expiresIn: 2 }) });
    const statuses: string[] = [];
    c.channel("short-lived").subscribe((s) => statuses.push(s));
    await waitFor(() => statuses.includes("SUBSCRIBED"), 3000, "subscribed");
    await waitFor(() => statuses.includes("CLOSED"), 5000, "closed at expiry");
  });

  it("re-authorizes on access_token refresh and keeps the channel", async () => {
    const c = client({ token: await userToken(stack.keys, alice) });
    const got: unknown[] = [];
    const statuses: string[] = [];
    privateChannel(c, `room-${alice}`)
      .on("broadcast", { event: "*" }, (m) => got.push(m))
      .subscribe((s) => statuses.push(s));
    await waitFor(() => statuses.includes("SUBSCRIBED"), 3000, "subscribed");
    await c.realtime.setAuth(await userToken(stack.keys, alice));
    await sleep(200);
    await post(
      "",
      { messages: [{ topic: `room-${alice}`, event: "after", payload: {}, private: true }] },
      {
        authorization: `Bearer ${stack.keys.serviceRoleKey}`,
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
    const preflight = await fetch(`${stack.apiUrl}/realtime/v1/api/broadcast`, { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    const key = { apikey: stack.keys.serviceRoleKey };
    expect((await post("", { messages: [{ topic: "x", payload: {} }] }, key)).status).toBe(422);
    expect((await post("", { nope: 1 }, key)).status).toBe(422);
    expect((await post("", "{not json", key)).status).toBe(400);
  });

  it("private batch messages without permission are dropped with 202; the single endpoint answers 403", async () => {
    const c = client({ token: await userToken(stack.keys, alice) });
    const got: unknown[] = [];
    expect(
      (await subscribe(privateChannel(c, `room-${alice}`).on("broadcast", { event: "*" }, (m) => got.push(m)))).status,
    ).toBe("SUBSCRIBED");
    const anon = { authorization: `Bearer ${stack.keys.anonKey}` };
    const bobAuth = { authorization: `Bearer ${await userToken(stack.keys, bob)}` };
    const aliceAuth = { authorization: `Bearer ${await userToken(stack.keys, alice)}` };
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
