import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRealtimeTestClient, type RealtimeTestStack, type TestClient } from "./test-stack";
import { closeClient, startFullStack, RawSocket, sleep, subscribe, waitFor } from "./test-helpers";

/** The protocol as the official client (supabase-js 2.109 / realtime-js) sees it, for both serializers. */

let stack: RealtimeTestStack;
const clients: TestClient[] = [];
const raws: RawSocket[] = [];

beforeAll(async () => {
  stack = await startFullStack();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map(closeClient));
  for (const raw of raws.splice(0)) raw.close();
});

afterAll(async () => {
  await stack?.stop();
});

function client(vsn: "1.0.0" | "2.0.0", extra: { timeout?: number; heartbeatIntervalMs?: number } = {}) {
  const c = createRealtimeTestClient(stack.apiUrl, stack.keys.anonKey, { vsn, ...extra });
  clients.push(c);
  return c;
}

async function raw(vsn = "2.0.0") {
  const r = await RawSocket.open(stack.apiUrl, stack.keys.anonKey, vsn);
  raws.push(r);
  return r;
}

function httpBroadcast(body: unknown, key = stack.keys.serviceRoleKey) {
  return fetch(`${stack.apiUrl}/realtime/v1/api/broadcast`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}`, apikey: key },
    body: JSON.stringify(body),
  });
}

describe.each(["2.0.0", "1.0.0"] as const)("vsn %s", (vsn) => {
  it("subscribes to a public channel and fans out client broadcasts (self false, ack false)", async () => {
    const topic = `pub-${vsn}-a`;
    const got: unknown[] = [];
    const listener = client(vsn)
      .channel(topic)
      .on("broadcast", { event: "ping" }, (m) => got.push(m));
    expect((await subscribe(listener)).status).toBe("SUBSCRIBED");
    const sender = client(vsn).channel(topic);
    const echoed: unknown[] = [];
    sender.on("broadcast", { event: "ping" }, (m) => echoed.push(m));
    expect((await subscribe(sender)).status).toBe("SUBSCRIBED");

    expect(await sender.send({ type: "broadcast", event: "ping", payload: { n: 1, text: "héllo" } })).toBe("ok");
    await waitFor(() => got.length === 1, 2000, "delivery");
    expect(got[0]).toEqual({ type: "broadcast", event: "ping", payload: { n: 1, text: "héllo" } });
    await sleep(100);
    expect(echoed).toHaveLength(0); // self: false
  });

  it("honours self: true and acks only when ack: true", async () => {
    const topic = `pub-${vsn}-b`;
    const c = client(vsn, { timeout: 1000 });
    const got: unknown[] = [];
    const ch = c
      .channel(topic, { config: { broadcast: { self: true, ack: true } } })
      .on("broadcast", { event: "*" }, (m) => got.push(m));
    expect((await subscribe(ch)).status).toBe("SUBSCRIBED");
    expect(await ch.send({ type: "broadcast", event: "mine", payload: { a: 1 } })).toBe("ok");
    await waitFor(() => got.length === 1, 2000, "self delivery");
    expect(got[0]).toMatchObject({ event: "mine", payload: { a: 1 } });
  });

  it("delivers HTTP broadcasts (batch with id → meta, single endpoint) and keeps private/public apart", async () => {
    const topic = `pub-${vsn}-http`;
    const got: Array<Record<string, unknown>> = [];
    const ch = client(vsn)
      .channel(topic)
      .on("broadcast", { event: "*" }, (m) => got.push(m));
    expect((await subscribe(ch)).status).toBe("SUBSCRIBED");

    const res = await httpBroadcast({
      messages: [
        { topic, event: "question", payload: { q: 1 }, id: "m-1" },
        { topic, event: "secret", payload: { q: 2 }, private: true },
      ],
    });
    expect(res.status).toBe(202);
    const single = await fetch(`${stack.apiUrl}/realtime/v1/api/broadcast/${topic}/events/reveal?apikey=x&vsn=2.0.0`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${stack.keys.serviceRoleKey}` },
      body: JSON.stringify({ answer: "B" }),
    });
    expect(single.status).toBe(202);
    await waitFor(() => got.length === 2, 2000, "http deliveries");
    await sleep(100);
    expect(got).toEqual([
      { type: "broadcast", event: "question", payload: { q: 1 }, meta: { id: "m-1" } },
      { type: "broadcast", event: "reveal", payload: { answer: "B" } },
    ]);
  });

  it("tracks presence: state after join, join/leave diffs, untrack, leave on disconnect", async () => {
    const topic = `presence-${vsn}`;
    const alice = client(vsn).channel(topic, { config: { presence: { key: "alice" } } });
    const events: string[] = [];
    alice.on("presence", { event: "sync" }, () => events.push("sync"));
    alice.on("presence", { event: "join" }, ({ key }) => events.push(`join:${key}`));
    alice.on("presence", { event: "leave" }, ({ key }) => events.push(`leave:${key}`));
    expect((await subscribe(alice)).status).toBe("SUBSCRIBED");
    await waitFor(() => events.includes("sync"), 2000, "initial presence_state (empty)");
    expect(await alice.track({ name: "Alice" })).toBe("ok");
    await waitFor(() => alice.presenceState().alice, 2000, "own presence");

    const bobClient = client(vsn);
    const bob = bobClient.channel(topic, { config: { presence: { key: "bob" } } });
    bob.on("presence", { event: "sync" }, () => {});
    expect((await subscribe(bob)).status).toBe("SUBSCRIBED");
    await waitFor(() => bob.presenceState().alice, 2000, "bob sees alice in presence_state");
    expect(bob.presenceState().alice?.[0]).toMatchObject({ name: "Alice" });
    expect(await bob.track({ name: "Bob" })).toBe("ok");
    await waitFor(() => alice.presenceState().bob, 2000, "alice sees bob join");
    expect(events).toContain("join:bob");

    // A different payload is an update; the same payload again is a no-op.
    expect(await bob.track({ name: "Bobby" })).toBe("ok");
    await waitFor(
      () => (alice.presenceState().bob?.[0] as { name?: string } | undefined)?.name === "Bobby",
      2000,
      "update",
    );
    expect(alice.presenceState().bob).toHaveLength(1);

    expect(await bob.untrack()).toBe("ok");
    await waitFor(() => !alice.presenceState().bob, 2000, "untrack");
    expect(await bob.track({ name: "Bob again" })).toBe("ok");
    await waitFor(() => alice.presenceState().bob, 2000, "re-track");

    // Dropping the socket leaves its presences.
    await bobClient.realtime.disconnect();
    await waitFor(() => !alice.presenceState().bob, 3000, "leave on disconnect");
    expect(events).toContain("leave:bob");
  });

  it("acknowledges postgres_changes bindings with integer ids (no change stream)", async () => {
    const ch = client(vsn)
      .channel(`pg-${vsn}`)
      .on("postgres_changes", { event: "INSERT", schema: "public", table: "answers", filter: "room_id=eq.1" }, () => {})
      .on("postgres_changes", { event: "*", schema: "public", table: "players" }, () => {});
    expect((await subscribe(ch)).status).toBe("SUBSCRIBED");
  });

  it("answers heartbeats", async () => {
    const results: string[] = [];
    const c = createRealtimeTestClient(stack.apiUrl, stack.keys.anonKey, { vsn, heartbeatIntervalMs: 100 });
    clients.push(c);
    c.realtime.onHeartbeat((status) => results.push(status));
    expect((await subscribe(c.channel(`hb-${vsn}`))).status).toBe("SUBSCRIBED");
    await waitFor(() => results.filter((s) => s === "ok").length >= 2, 3000, "two heartbeat replies");
    expect(results).not.toContain("timeout");
  });

  it("unsubscribe replies ok and closes the channel; the socket keeps working", async () => {
    const c = client(vsn);
    const ch = c.channel(`leave-${vsn}`);
    expect((await subscribe(ch)).status).toBe("SUBSCRIBED");
    expect(await ch.unsubscribe()).toBe("ok");
    const again = c.channel(`leave-${vsn}-2`);
    expect((await subscribe(again)).status).toBe("SUBSCRIBED");
  });
});

describe("wire details (raw socket)", () => {
  it("heartbeat reply, unmatched topic, TopicNameRequired, leave then phx_close", async () => {
    const r = await raw();
    r.sendJson([null, "1", "phoenix", "heartbeat", {}]);
    expect(await r.waitArray({ ref: "1" })).toEqual([
      null,
      "1",
      "phoenix",
      "phx_reply",
      { status: "ok", response: {} },
    ]);

    r.sendJson(["2", "3", "realtime:nowhere", "broadcast", { type: "broadcast", event: "x", payload: {} }]);
    expect(await r.waitArray({ ref: "3" })).toEqual([
      "2",
      "3",
      "realtime:nowhere",
      "phx_reply",
      { status: "error", response: { reason: "unmatched topic" } },
    ]);
    r.sendJson(["4", "4", "other:topic", "phx_join", {}]);
    expect((await r.waitArray({ ref: "4" }))[4]).toEqual({ status: "error", response: { reason: "unmatched topic" } });

    r.sendJson(["5", "5", "realtime:", "phx_join", { config: {} }]);
    expect((await r.waitArray({ ref: "5" }))[4]).toEqual({
      status: "error",
      response: { reason: "TopicNameRequired: You must provide a topic name" },
    });

    r.sendJson(["6", "6", "realtime:raw", "phx_join", { config: { presence: { enabled: "TRUE" } } }]);
    expect((await r.waitArray({ ref: "6" }))[4]).toEqual({ status: "ok", response: { postgres_changes: [] } });
    expect(await r.waitArray({ event: "presence_state" })).toEqual(["6", null, "realtime:raw", "presence_state", {}]);
    r.sendJson(["6", "7", "realtime:raw", "phx_leave", {}]);
    expect(await r.waitArray({ ref: "7" })).toEqual([
      "6",
      "7",
      "realtime:raw",
      "phx_reply",
      { status: "ok", response: {} },
    ]);
    expect(await r.waitArray({ event: "phx_close" })).toEqual(["6", "6", "realtime:raw", "phx_close", {}]);
  });

  it("a second join of the same topic closes the first one", async () => {
    const r = await raw();
    r.sendJson(["1", "1", "realtime:dup", "phx_join", { config: {} }]);
    await r.waitArray({ ref: "1" });
    r.sendJson(["2", "2", "realtime:dup", "phx_join", { config: {} }]);
    expect(await r.waitArray({ event: "phx_close" })).toEqual(["1", "1", "realtime:dup", "phx_close", {}]);
    expect((await r.waitArray({ ref: "2" }))[4]).toMatchObject({ status: "ok" });
    // Only one subscription remains: one HTTP broadcast → one frame.
    await httpBroadcast({ messages: [{ topic: "dup", event: "e", payload: {} }] });
    await r.waitArray({ event: "broadcast" });
    await sleep(100);
    expect(r.json().filter((m) => Array.isArray(m) && m[3] === "broadcast")).toHaveLength(1);
  });

  it("v1 sockets get JSON objects; v2 kind-3 pushes reach v1 sockets as JSON and v2 sockets as kind 4", async () => {
    const v1 = await raw("1.0.0");
    v1.sendJson({ topic: "realtime:mixed", event: "phx_join", payload: { config: {} }, ref: "1", join_ref: "1" });
    await waitFor(() => v1.json().length > 0, 2000, "v1 reply");
    expect(v1.json()[0]).toEqual({
      join_ref: "1",
      ref: "1",
      topic: "realtime:mixed",
      event: "phx_reply",
      payload: { status: "ok", response: { postgres_changes: [] } },
    });
    const v2 = await raw();
    v2.sendJson(["1", "1", "realtime:mixed", "phx_join", { config: {} }]);
    await v2.waitArray({ ref: "1" });
    const sender = client("2.0.0").channel("mixed");
    expect((await subscribe(sender)).status).toBe("SUBSCRIBED");
    await sender.send({ type: "broadcast", event: "ev", payload: { k: "v" } });
    await waitFor(() => v2.frames.some((f) => f.binary), 2000, "kind 4 on v2");
    const bin = v2.frames.find((f) => f.binary)!.data;
    expect(bin[0]).toBe(4);
    await waitFor(() => v1.json().length > 1, 2000, "json on v1");
    expect(v1.json()[1]).toEqual({
      join_ref: null,
      ref: null,
      topic: "realtime:mixed",
      event: "broadcast",
      payload: { type: "broadcast", event: "ev", payload: { k: "v" } },
    });
  });

  it("frames fan-out messages of every length class (7-bit, 16-bit, 64-bit lengths)", async () => {
    const r = await raw();
    r.sendJson(["1", "1", "realtime:sizes", "phx_join", { config: {} }]);
    await r.waitArray({ ref: "1" });
    const c = client("2.0.0");
    const got: Array<{ payload: { s: string } }> = [];
    expect(
      (await subscribe(c.channel("sizes").on("broadcast", { event: "*" }, (m) => got.push(m as never)))).status,
    ).toBe("SUBSCRIBED");
    const sizes = [1, 60, 125, 200, 65_000, 70_000, 300_000];
    for (const size of sizes) {
      expect(
        (await httpBroadcast({ messages: [{ topic: "sizes", event: "e", payload: { s: "x".repeat(size) } }] })).status,
      ).toBe(202);
    }
    await waitFor(() => got.length === sizes.length, 3000, "all sizes (supabase-js)");
    expect(got.map((m) => m.payload.s.length)).toEqual(sizes);
    await waitFor(
      () => r.json().filter((m) => Array.isArray(m) && m[3] === "broadcast").length === sizes.length,
      3000,
      "raw",
    );
    const rawSizes = r
      .json()
      .flatMap((m) =>
        Array.isArray(m) && m[3] === "broadcast" ? [(m[4] as { payload: { s: string } }).payload.s.length] : [],
      );
    expect(rawSizes).toEqual(sizes);
  });

  it("reports stats and health", async () => {
    const stats = stack.realtime.stats?.() ?? {};
    expect(typeof stats.connections).toBe("number");
    expect(stats.messages_out).toBeGreaterThan(0);
    expect((await stack.realtime.health()).status).toBe("ok");
  });
});
