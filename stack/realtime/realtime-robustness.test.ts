import Serializer from "@supabase/realtime-js/dist/module/lib/serializer.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { decodeFrame, encodeUserBroadcast } from "./serializer";
import {
  createRealtimeTestClient,
  startRealtimeTestStack,
  type RealtimeTestStack,
  type TestClient,
} from "./test-stack";
import { closeClient, RawSocket, sleep, subscribe, waitFor } from "./test-helpers";

/** Garbage in, oversized frames, restarts: the server must shrug them off and keep serving others. */

let stack: RealtimeTestStack;
const clients: TestClient[] = [];

beforeAll(async () => {
  stack = await startRealtimeTestStack({
    realtime: { maxFrameBytes: 64 * 1024, idleTimeoutMs: 1500, maxChannelsPerSocket: 3 },
  });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map(closeClient));
});

afterAll(async () => {
  await stack?.stop();
});

function client() {
  const c = createRealtimeTestClient(stack.apiUrl, stack.keys.anonKey, { heartbeatIntervalMs: 500 });
  clients.push(c);
  return c;
}

describe("serializer compatibility with realtime-js", () => {
  it("decodes the client's kind-3 frames and the client decodes our kind-4 frames", async () => {
    const theirs = new Serializer();
    const encoded = await new Promise<ArrayBuffer>((resolve) => {
      theirs.encode(
        {
          join_ref: "6",
          ref: "7",
          topic: "realtime:room1",
          event: "broadcast",
          payload: { type: "broadcast", event: "ping", payload: { hello: "world" } },
        },
        (r: ArrayBuffer | string) => resolve(r as ArrayBuffer),
      );
    });
    const decoded = decodeFrame("2.0.0", Buffer.from(encoded), true);
    expect(decoded).toMatchObject({ joinRef: "6", ref: "7", topic: "realtime:room1", event: "broadcast" });
    expect("binary" in decoded && decoded.binary?.userEvent).toBe("ping");
    expect("binary" in decoded && decoded.binary?.data.toString()).toBe('{"hello":"world"}');

    const frame = encodeUserBroadcast(
      "realtime:room1",
      "ping",
      '{"id":"abc"}',
      true,
      Buffer.from('{"hello":"world"}'),
    )!;
    const ab = new Uint8Array(frame.data).buffer; // a fresh ArrayBuffer, as the browser hands it over
    const msg = await new Promise((resolve) => {
      theirs.decode(ab, resolve);
    });
    expect(msg).toEqual({
      join_ref: null,
      ref: null,
      topic: "realtime:room1",
      event: "broadcast",
      payload: { type: "broadcast", event: "ping", payload: { hello: "world" }, meta: { id: "abc" } },
    });
  });

  it("rejects malformed input without throwing", () => {
    const cases: Array<[Buffer, boolean]> = [
      [Buffer.from("{not json"), false],
      [Buffer.from('{"topic":"x"}'), false],
      [Buffer.from("[1,2]"), false],
      [Buffer.from('[null,null,5,"e",{}]'), false],
      [Buffer.from([]), true],
      [Buffer.from([9, 1, 2]), true],
      [Buffer.from([3, 1, 1]), true],
      [Buffer.from([3, 200, 1, 1, 1, 0, 1, 65]), true],
      [Buffer.from([3, 0, 0, 0, 0, 0, 7]), true],
    ];
    for (const [data, binary] of cases) expect(decodeFrame("2.0.0", data, binary)).toHaveProperty("error");
    expect(decodeFrame("1.0.0", Buffer.from('[null,null,"t","e",{}]'), false)).toHaveProperty("error");
  });
});

describe("garbage on the wire", () => {
  it("closes a socket that sends garbage (1003) or an oversized frame (1009) and keeps serving the others", async () => {
    const healthy = client();
    const got: unknown[] = [];
    const ch = healthy.channel("survivor").on("broadcast", { event: "*" }, (m) => got.push(m));
    expect((await subscribe(ch)).status).toBe("SUBSCRIBED");

    const garbage: Array<{ data: string | Buffer; binary: boolean; vsn?: string; code: number }> = [
      { data: "{not json", binary: false, code: 1003 },
      { data: '{"an":"object"}', binary: false, code: 1003 },
      { data: "[1,2,3]", binary: false, code: 1003 },
      { data: Buffer.from([42, 0, 0]), binary: true, code: 1003 },
      { data: Buffer.from([3, 9]), binary: true, code: 1003 },
      { data: Buffer.from([3, 250, 250, 250, 250, 0, 1, 1, 2]), binary: true, code: 1003 },
      { data: '["x"]', binary: false, vsn: "1.0.0", code: 1003 },
      { data: Buffer.from([0xff, 0xfe, 0xfd]), binary: false, code: 1007 }, // invalid UTF-8 in a text frame
      { data: "x".repeat(100 * 1024), binary: false, code: 1009 },
    ];
    for (const g of garbage) {
      const raw = await RawSocket.open(stack.apiUrl, stack.keys.anonKey, g.vsn);
      // Join first, so the close also exercises channel cleanup.
      raw.sendJson(
        g.vsn === "1.0.0"
          ? { topic: "realtime:survivor", event: "phx_join", payload: {}, ref: "1", join_ref: "1" }
          : ["1", "1", "realtime:survivor", "phx_join", {}],
      );
      await waitFor(() => raw.frames.length > 0, 2000, "join reply");
      raw.sendRaw(g.data, g.binary);
      expect(await raw.waitClose()).toBe(g.code);
    }
    // A burst of random bytes on many sockets at once.
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const raw = await RawSocket.open(stack.apiUrl, stack.keys.anonKey);
        raw.sendRaw(Buffer.from(Array.from({ length: 1 + i * 7 }, () => Math.floor(Math.random() * 256))), i % 2 === 0);
        await raw.waitClose();
      }),
    );

    expect(await ch.send({ type: "broadcast", event: "still", payload: {} })).toBe("ok");
    const res = await fetch(`${stack.apiUrl}/realtime/v1/api/broadcast`, {
      method: "POST",
      headers: { "content-type": "application/json", apikey: stack.keys.serviceRoleKey },
      body: JSON.stringify({ messages: [{ topic: "survivor", event: "alive", payload: { ok: true } }] }),
    });
    expect(res.status).toBe(202);
    await waitFor(() => got.length === 1, 2000, "delivery after garbage");
    expect(stack.realtime.stats?.()).toMatchObject({ joins: 1 });
  });

  it("limits the channels one socket may join", async () => {
    const raw = await RawSocket.open(stack.apiUrl, stack.keys.anonKey);
    for (let i = 1; i <= 4; i++) raw.sendJson([String(i), String(i), `realtime:many-${i}`, "phx_join", {}]);
    expect((await raw.waitArray({ ref: "3" }))[4]).toMatchObject({ status: "ok" });
    expect((await raw.waitArray({ ref: "4" }))[4]).toEqual({
      status: "error",
      response: { reason: "ChannelRateLimitReached: Too many channels" },
    });
    raw.close();
  });

  it("answers junk inside well-formed frames without closing", async () => {
    const raw = await RawSocket.open(stack.apiUrl, stack.keys.anonKey);
    raw.sendJson(["1", "1", "realtime:junk", "phx_join", "not-an-object"]);
    expect((await raw.waitArray({ ref: "1" }))[4]).toMatchObject({ status: "ok" });
    raw.sendJson(["1", "2", "realtime:junk", "presence", { event: "track", payload: "nope" }]);
    expect((await raw.waitArray({ ref: "2" }))[4]).toEqual({
      status: "error",
      response: { reason: "Presence track payload must be a map" },
    });
    raw.sendJson(["1", "3", "realtime:junk", "presence", { event: "dance" }]);
    expect((await raw.waitArray({ ref: "3" }))[4]).toEqual({ status: "error", response: {} });
    raw.sendJson(["1", "4", "realtime:junk", "access_token", { access_token: 42 }]);
    raw.sendJson(["1", "5", "realtime:junk", "whatever", null]);
    raw.sendJson([null, "6", "phoenix", "heartbeat", {}]);
    expect((await raw.waitArray({ ref: "6" }))[4]).toEqual({ status: "ok", response: {} });
    expect(raw.closeCode).toBeUndefined();
    raw.close();
  });
});

describe("restarts and idle sockets", () => {
  it("disconnectAll drops every socket; the official client reconnects and rejoins", async () => {
    const c = client();
    const statuses: string[] = [];
    const got: unknown[] = [];
    c.channel("restart")
      .on("broadcast", { event: "*" }, (m) => got.push(m))
      .subscribe((s) => statuses.push(s));
    await waitFor(() => statuses.includes("SUBSCRIBED"), 3000, "subscribed");
    expect(stack.realtime.disconnectAll()).toBeGreaterThan(0);
    await waitFor(() => statuses.filter((s) => s === "SUBSCRIBED").length >= 2, 8000, "rejoined");
    stack.realtime.broadcastLocal({ topic: "restart", event: "back", payload: { ok: 1 } });
    await waitFor(() => got.length === 1, 2000, "delivery after rejoin");
  });

  it("a restart with refuseMs answers new upgrades with 503 for that long, then lets clients back", async () => {
    const c = client();
    const statuses: string[] = [];
    c.channel("restart-refuse").subscribe((s) => statuses.push(s));
    await waitFor(() => statuses.includes("SUBSCRIBED"), 3000, "subscribed");
    const droppedAt = Date.now();
    stack.realtime.disconnectAll({ abrupt: true, refuseMs: 1500 });
    const url = `${stack.apiUrl.replace("http", "ws")}/realtime/v1/websocket?apikey=${stack.keys.anonKey}&vsn=1.0.0`;
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("open", () => reject(new Error("upgrade accepted during the refusal window")));
      ws.on("error", () => {});
    });
    expect(status).toBe(503);
    await waitFor(() => statuses.filter((s) => s === "SUBSCRIBED").length >= 2, 8000, "rejoined");
    expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(1500);
  });

  it("closes sockets that stay silent past the idle timeout", async () => {
    const raw = await RawSocket.open(stack.apiUrl, stack.keys.anonKey);
    await sleep(100);
    expect(await raw.waitClose(5000)).toBeDefined();
  });
});
