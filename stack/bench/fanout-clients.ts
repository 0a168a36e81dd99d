import { createClient, REALTIME_SUBSCRIBE_STATES, type SupabaseClient } from "@supabase/supabase-js";
import { setPriority } from "node:os";
import WebSocket from "ws";

/**
 * Child process of the fan-out benchmark holding a share of the subscribers: official supabase-js clients
 * (one client = one socket = one channel, like a phone) or, for the floor, bare `ws` clients.
 *
 * Each delivery is timed against the `sentAt` the parent put in the payload
 * (`performance.timeOrigin + performance.now()` is comparable across processes on one machine).
 */

export type ConnectCommand = {
  cmd: "connect";
  /** supabase-js; raw `ws` speaking the Phoenix protocol (same clients as the floor, server under test); bare `ws`. */
  kind: "supabase" | "phoenix" | "bare";
  apiUrl: string;
  key: string;
  /** User JWT for private channels. */
  token?: string;
  topic: string;
  isPrivate: boolean;
  count: number;
};

export type Report = {
  type: "report";
  /** Deliveries per broadcast index. */
  counts: number[];
  latencies: number[];
  /** Broadcast index of each latency. */
  indexes: number[];
  cpu: NodeJS.CpuUsage;
};

type Tick = { i: number; sentAt: number };

const counts: number[] = [];
const latencies: number[] = [];
const indexes: number[] = [];
const supabaseClients: SupabaseClient[] = [];
const bareSockets: WebSocket[] = [];
const now = () => performance.timeOrigin + performance.now();
const send = (msg: unknown) => process.send?.(msg);

function record(tick: Tick): void {
  latencies.push(now() - tick.sentAt);
  indexes.push(tick.i);
  counts[tick.i] = (counts[tick.i] ?? 0) + 1;
}

async function connectSupabase(c: ConnectCommand, index: number): Promise<void> {
  const client = createClient(c.apiUrl, c.key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
  });
  supabaseClients.push(client);
  if (c.token) await client.realtime.setAuth(c.token);
  await new Promise<void>((resolve, reject) => {
    client
      .channel(c.topic, { config: { private: c.isPrivate } })
      .on("broadcast", { event: "tick" }, (m) => record(m.payload as Tick))
      .subscribe((status, error) => {
        if (status === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED) resolve();
        else if (status !== REALTIME_SUBSCRIBE_STATES.CLOSED)
          reject(new Error(`client ${index}: ${status} ${error?.message ?? ""}`));
      });
  });
}

function connectBare(c: ConnectCommand): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${c.apiUrl.replace(/^http/, "ws")}/websocket`, { perMessageDeflate: false });
    bareSockets.push(ws);
    ws.on("message", (data) => {
      const msg = JSON.parse((data as Buffer).toString("utf8")) as [null, null, string, string, { payload: Tick }];
      record(msg[4].payload);
    });
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
}

/** A raw socket that joins like realtime-js would and decodes text broadcasts: the client side of the floor. */
function connectPhoenix(c: ConnectCommand): Promise<void> {
  const base = c.apiUrl.replace(/^http/, "ws");
  const url = `${base}/realtime/v1/websocket?apikey=${encodeURIComponent(c.key)}&vsn=2.0.0`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    bareSockets.push(ws);
    ws.on("message", (data, isBinary) => {
      if (isBinary) return;
      const msg = JSON.parse((data as Buffer).toString("utf8")) as [
        string | null,
        string | null,
        string,
        string,
        { payload: Tick; status?: string },
      ];
      if (msg[3] === "broadcast") record(msg[4].payload);
      else if (msg[1] === "1") {
        if (msg[4].status === "ok") resolve();
        else reject(new Error(`join failed: ${JSON.stringify(msg[4])}`));
      }
    });
    ws.once("open", () => {
      const config = {
        broadcast: { ack: false, self: false },
        presence: { key: "", enabled: false },
        postgres_changes: [],
        private: c.isPrivate,
      };
      ws.send(
        JSON.stringify([
          "1",
          "1",
          `realtime:${c.topic}`,
          "phx_join",
          { config, ...(c.token ? { access_token: c.token } : {}) },
        ]),
      );
    });
    ws.once("error", reject);
  });
}

// Raw Phoenix sockets heartbeat like realtime-js (every 25 s), or the server's idle timeout closes them.
let heartbeatRef = 100;
setInterval(() => {
  for (const ws of bareSockets)
    if (ws.readyState === WebSocket.OPEN)
      ws.send(JSON.stringify([null, String(heartbeatRef++), "phoenix", "heartbeat", {}]));
}, 25_000).unref();

async function connectAll(c: ConnectCommand): Promise<void> {
  // Batches, so thousands of handshakes do not pile up in the listen backlog at once.
  const batch = 100;
  for (let start = 0; start < c.count; start += batch) {
    const n = Math.min(batch, c.count - start);
    await Promise.all(
      Array.from({ length: n }, (_, k) =>
        c.kind === "supabase"
          ? connectSupabase(c, start + k)
          : c.kind === "phoenix"
            ? connectPhoenix(c)
            : connectBare(c),
      ),
    );
  }
}

process.on("message", (msg: ConnectCommand | { cmd: "report" } | { cmd: "close" }) => {
  if (msg.cmd === "connect") {
    connectAll(msg).then(
      () => send({ type: "connected" }),
      (error: unknown) => send({ type: "error", error: String(error) }),
    );
  } else if (msg.cmd === "report") {
    const report: Report = { type: "report", counts, latencies, indexes, cpu: process.cpuUsage() };
    send(report);
  } else if (msg.cmd === "close") {
    for (const c of supabaseClients) void c.realtime.disconnect();
    for (const ws of bareSockets) ws.terminate();
    setTimeout(() => process.exit(0), 100);
  }
});

process.on("disconnect", () => process.exit(0));
// Optional niceness for the load generators (BENCH_CLIENT_NICE=10). Off by default: measured on this
// 2-core box it made every variant slower (clients then wait out the whole fan-out before reading).
if (process.env.BENCH_CLIENT_NICE) setPriority(Number(process.env.BENCH_CLIENT_NICE));
send({ type: "started" });
