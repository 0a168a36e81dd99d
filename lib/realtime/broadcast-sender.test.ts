import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BroadcastSender } from "./broadcast-sender";

/** A stand-in for Realtime's broadcast endpoint that records each request's messages and answers as told. */
let server: http.Server;
let url: string;
let requests: { key: string; requestId?: string; topics: string[] }[] = [];
let status = 202;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { messages: { topic: string }[] };
      requests.push({
        key: String(req.headers.apikey),
        requestId: req.headers["x-request-id"] as string | undefined,
        topics: body.messages.map((m) => m.topic),
      });
      res.writeHead(req.url === "/realtime/v1/api/broadcast" ? status : 404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const message = (topic: string, size = 0) =>
  JSON.stringify({ topic, event: "game", payload: { pad: "x".repeat(size) }, private: true });

describe("BroadcastSender", () => {
  it("sends what is handed over in one turn in one request, and each caller learns its outcome", async () => {
    requests = [];
    status = 202;
    const sender = new BroadcastSender({ batchBytes: 512 * 1024, parallel: 4, timeoutMs: 2000 });
    const target = { url, serviceKey: "service-key", requestId: "req-1" };
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => sender.send([message(`session:${i}`)], target)),
    );
    expect(results.every(Boolean)).toBe(true);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.topics).toEqual(Array.from({ length: 100 }, (_, i) => `session:${i}`));
    expect(requests[0]).toMatchObject({ key: "service-key", requestId: "req-1" });
  });

  it("splits a large event (a reveal's personal copies) into requests within the byte budget, none lost", async () => {
    requests = [];
    status = 202;
    const sender = new BroadcastSender({ batchBytes: 10_000, parallel: 2, timeoutMs: 2000 });
    const copies = Array.from({ length: 200 }, (_, i) => message(`session:s:player:${i}`, 400));
    expect(await sender.send(copies, { url, serviceKey: "k" })).toBe(true);
    expect(requests.length).toBeGreaterThanOrEqual(9);
    expect(requests.flatMap((r) => r.topics).sort()).toEqual(copies.map((c) => JSON.parse(c).topic).sort());
    for (const r of requests) expect(r.topics.length).toBeLessThanOrEqual(Math.ceil(10_000 / 450));
  });

  it("never mixes messages for two endpoints or keys in one request", async () => {
    requests = [];
    status = 202;
    const sender = new BroadcastSender({ batchBytes: 512 * 1024, parallel: 4, timeoutMs: 2000 });
    const [a, b] = await Promise.all([
      sender.send([message("one"), message("two")], { url, serviceKey: "key-a" }),
      sender.send([message("three")], { url, serviceKey: "key-b" }),
    ]);
    expect([a, b]).toEqual([true, true]);
    expect(requests.map((r) => [r.key, r.topics])).toEqual([
      ["key-a", ["one", "two"]],
      ["key-b", ["three"]],
    ]);
  });

  it("retries a refused request once, then reports the failure (and recovers when the endpoint does)", async () => {
    requests = [];
    status = 500;
    const sender = new BroadcastSender({ batchBytes: 512 * 1024, parallel: 4, timeoutMs: 2000 });
    expect(await sender.send([message("lost")], { url, serviceKey: "k" })).toBe(false);
    expect(requests).toHaveLength(2);
    status = 202;
    expect(await sender.send([message("later")], { url, serviceKey: "k" })).toBe(true);
    expect(await sender.send([message("nowhere")], { url: "http://127.0.0.1:9", serviceKey: "k" })).toBe(false);
  });
});
