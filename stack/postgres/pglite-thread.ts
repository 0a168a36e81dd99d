import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { mkdirSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { pinExtendedQueryExchanges } from "./pglite-exchange";
import type { PgliteThreadInit, PgliteThreadReply, PgliteThreadRequest } from "./pglite-thread-protocol";

/**
 * PGlite and its socket server, on a thread of their own (see startPgliteThread in pglite-thread-protocol.ts).
 * The WASM Postgres executes each statement synchronously: on the stack's main thread, a 40 ms batch of
 * answers held up Realtime's fan-out, Auth and the Upstash endpoint for those 40 ms; here it holds up only
 * other statements, as a Postgres backend would.
 */
const init = workerData as PgliteThreadInit;
const port = parentPort!;
const reply = (message: PgliteThreadReply) => port.postMessage(message);

try {
  if (!init.dataDir.startsWith("memory://")) mkdirSync(init.dataDir, { recursive: true });
  const db = await PGlite.create(init.dataDir.startsWith("memory://") ? undefined : init.dataDir, {
    database: "postgres",
    // A new WAL segment is 16 MB of zeros written in 8 kB steps, and PGlite's in-memory files grow by
    // copying: 100-250 ms with every statement stalled (the answer that crossed a segment waited that
    // long). Without zero-filling, a new segment is one allocation; fsync is off in PGlite anyway.
    startParams: [...PGlite.defaultStartParams, "-c", "wal_init_zero=off"],
  });
  await db.exec(init.bootstrapSql);
  const exchanges = pinExtendedQueryExchanges(db);
  const server = new PGLiteSocketServer({
    db: exchanges.db,
    host: init.host,
    port: init.port,
    maxConnections: init.maxConnections,
  });
  await server.start();
  const conn = server.getServerConn();
  reply({ type: "ready", port: Number(conn.slice(conn.lastIndexOf(":") + 1)) });

  port.on("message", (request: PgliteThreadRequest) => {
    void (async () => {
      if (request.type === "stats") {
        reply({ type: "stats", id: request.id, stats: { ...server.getStats() } });
      } else if (request.type === "drop") {
        const dropped = server.getStats().activeConnections;
        await server.stop(); // detaches (closes) every client socket; a transaction in flight is rolled back
        await exchanges.releaseAbandonedExchange();
        await server.start();
        reply({ type: "dropped", id: request.id, count: dropped });
      } else if (request.type === "stop") {
        await server.stop();
        await db.close();
        reply({ type: "stopped", id: request.id });
        port.close();
      }
    })().catch((error: unknown) => reply({ type: "failed", id: request.id, message: String(error) }));
  });
} catch (error) {
  reply({ type: "failed", id: 0, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  port.close();
}
