import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RealtimeService } from "../realtime/realtime-service";
import { createRealtimeTestClient, type RealtimeTestStack, type TestClient } from "../realtime/test-stack";
import { closeClient, startFullStack, subscribe, waitFor } from "../realtime/test-helpers";
import { createStackMetrics } from "./metrics";

/** GET /metrics on the stack's API port, as Prometheus scrapes it. */

let stack: RealtimeTestStack;
const clients: TestClient[] = [];

beforeAll(async () => {
  stack = await startFullStack();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map(closeClient));
});

afterAll(async () => {
  await stack?.stop();
});

async function scrape(): Promise<string> {
  const response = await fetch(`${stack.apiUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  return response.text();
}

function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : Number.NaN;
}

describe("GET /metrics", () => {
  it("counts connections, joins, messages and fan-outs as they happen", async () => {
    const before = await scrape();
    const client = createRealtimeTestClient(stack.apiUrl, stack.keys.anonKey, { vsn: "2.0.0" });
    clients.push(client);
    const got: unknown[] = [];
    const channel = client.channel("metrics-room").on("broadcast", { event: "ping" }, (m) => got.push(m));
    expect((await subscribe(channel)).status).toBe("SUBSCRIBED");
    const key = stack.keys.serviceRoleKey;
    const sent = await fetch(`${stack.apiUrl}/realtime/v1/api/broadcast`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, apikey: key },
      body: JSON.stringify({ messages: [{ topic: "metrics-room", event: "ping", payload: { n: 1 } }] }),
    });
    expect(sent.status).toBe(202);
    await waitFor(() => got.length === 1, 2000, "delivery");

    const after = await scrape();
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(sample(after, "pubquiz_stack_realtime_connections")).toBeGreaterThanOrEqual(1);
    expect(sample(after, "pubquiz_stack_realtime_channels")).toBeGreaterThanOrEqual(1);
    expect(delta("pubquiz_stack_realtime_joins_total")).toBeGreaterThanOrEqual(1);
    expect(delta("pubquiz_stack_realtime_http_broadcasts_total")).toBe(1);
    expect(delta("pubquiz_stack_realtime_messages_out_total")).toBeGreaterThanOrEqual(1);
    expect(delta("pubquiz_stack_realtime_fanout_duration_seconds_count")).toBe(1);
    expect(sample(after, "process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(after).toContain("nodejs_eventloop_lag_p99_seconds");
  });

  it("off a loopback address, wants the token and is off without one", async () => {
    const serve = async (token: string | undefined) => {
      const realtime = { observeFanOut: () => {} } as unknown as RealtimeService;
      const metrics = createStackMetrics({ services: [], realtime, host: "0.0.0.0", token });
      const server = createServer((req, res) => void metrics.handle(req, res));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics` };
    };
    const token = "stack-metrics-token-0123456789";
    const open = await serve(undefined);
    const guarded = await serve(token);
    try {
      expect((await fetch(open.url)).status).toBe(404);
      expect((await fetch(guarded.url)).status).toBe(401);
      expect((await fetch(guarded.url, { headers: { authorization: "Bearer wrong-wrong-wrong-wrong" } })).status).toBe(
        401,
      );
      expect((await fetch(guarded.url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      open.server.close();
      guarded.server.close();
    }
  });
});
