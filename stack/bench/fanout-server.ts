import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { WebSocketServer, type WebSocket } from "ws";
import { createLogger } from "../log";
import { startRealtimeTestStack } from "../realtime/test-stack";

/**
 * Child process of the fan-out benchmark: the server under test, alone in its process so its CPU time
 * can be measured apart from the clients'. `argv[2]` picks it:
 *
 * - `stack`: the local stack's realtime service (PGlite in memory), with a policy letting authenticated
 *   users read the private benchmark topic;
 * - `bare`: the floor — a bare `ws` server that serializes each message once and writes the same
 *   Buffer to every socket, with no protocol at all.
 *
 * Talks to the parent over IPC: `ready` once listening, then answers `cpu` with process.cpuUsage().
 */

type Ready = { type: "ready"; apiUrl: string; anonKey: string; serviceRoleKey: string; userToken: string };

const mode = process.argv[2];
const send = (msg: unknown) => process.send?.(msg);

if (mode === "stack") {
  // The benchmark measures the embedded default: PGlite, never the machine's Postgres.
  delete process.env.TEST_DATABASE_URL;
  const stack = await startRealtimeTestStack({
    log: createLogger("error", "realtime"),
    // BENCH_DIRECT=0 measures the plain `ws.send` fan-out instead of pre-framed direct writes.
    realtime: { directFrameWrites: process.env.BENCH_DIRECT !== "0" },
  });
  await stack.db.sql.unsafe(`
    create policy "bench read" on realtime.messages for select to authenticated
      using (realtime.topic() like 'bench-%');`);
  const iat = Math.floor(Date.now() / 1000);
  const userToken = await stack.keys.signAccessToken({
    sub: randomUUID(),
    role: "authenticated",
    aud: "authenticated",
    iat,
    exp: iat + 3600,
    session_id: randomUUID(),
  });
  const ready: Ready = {
    type: "ready",
    apiUrl: stack.apiUrl,
    anonKey: stack.keys.anonKey,
    serviceRoleKey: stack.keys.serviceRoleKey,
    userToken,
  };
  send(ready);
  process.on("message", (msg: { cmd: string }) => {
    if (msg.cmd === "cpu") send({ type: "cpu", cpu: process.cpuUsage(), stats: stack.realtime.stats?.() });
    if (msg.cmd === "stop") void stack.stop().then(() => process.exit(0));
  });
} else if (mode === "bare") {
  const sockets = new Set<WebSocket>();
  let lastFanOutMs = 0;
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false });
  const server = createServer((req, res) => void onBroadcast(req, res));
  async function onBroadcast(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = JSON.parse((await readAll(req)).toString("utf8")) as {
      topic: string;
      event: string;
      payload: unknown;
    };
    // The floor: one serialization, one Buffer, written to every socket.
    const started = performance.now();
    const frame = Buffer.from(
      JSON.stringify([
        null,
        null,
        `realtime:${body.topic}`,
        "broadcast",
        { type: "broadcast", event: body.event, payload: body.payload },
      ]),
    );
    for (const ws of sockets) ws.send(frame, { binary: false });
    lastFanOutMs = performance.now() - started;
    res.writeHead(202, { "content-length": 0 }).end();
  }
  server.on("upgrade", (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on("close", () => sockets.delete(ws));
      ws.on("error", () => {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const ready: Ready = {
    type: "ready",
    apiUrl: `http://127.0.0.1:${port}`,
    anonKey: "",
    serviceRoleKey: "",
    userToken: "",
  };
  send(ready);
  process.on("message", (msg: { cmd: string }) => {
    if (msg.cmd === "cpu") {
      send({
        type: "cpu",
        cpu: process.cpuUsage(),
        stats: { last_fan_out: { ms: lastFanOutMs, subscribers: sockets.size } },
      });
    }
    if (msg.cmd === "stop") process.exit(0);
  });
} else {
  throw new Error(`unknown mode ${mode}`);
}

// The parent going away must not leave a server behind.
process.on("disconnect", () => process.exit(0));

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
