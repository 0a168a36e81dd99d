import type { PGlite } from "@electric-sql/pglite";

/**
 * pglite-socket multiplexes client connections onto PGlite's single session by queueing wire messages one at
 * a time, and keeps one connection's messages together only while a transaction is open. An extended-query
 * exchange (Parse/Bind/Describe/Execute … Sync) outside an explicit transaction is not protected: two
 * connections' exchanges interleave and clobber each other's unnamed statement and portal ("bind message
 * supplies 5 parameters, but prepared statement "" requires 2").
 *
 * This wraps the PGlite instance the socket server sees so that `isInTransaction()` also reports true from
 * the first message of an extended-query exchange until its Sync: the queue then pins the connection for the
 * whole exchange, exactly as it does for a transaction.
 */
const EXCHANGE_MESSAGES = new Set([0x50 /* P */, 0x42 /* B */, 0x44 /* D */, 0x45 /* E */, 0x43 /* C */, 0x48 /* H */]);
const END_OF_EXCHANGE = new Set([0x53 /* S: Sync */, 0x51 /* Q: simple query */]);

export function pinExtendedQueryExchanges(db: PGlite): { db: PGlite; releaseAbandonedExchange(): Promise<void> } {
  let exchangeOpen = false;
  const pinned = new Proxy(db, {
    get(target, property, receiver) {
      if (property === "isInTransaction") {
        return () => exchangeOpen || target.isInTransaction();
      }
      if (property === "execProtocolRawStream") {
        return async (message: Uint8Array, options: Parameters<PGlite["execProtocolRawStream"]>[1]) => {
          const type = message[0] ?? 0;
          // One message per turn of the event loop. Node accepts one new connection per turn, and the socket
          // server drains its queue in one go: 500 phones reconnecting at once waited seconds to be accepted
          // behind the queries of those already in. Between two turns every socket gets its say.
          await new Promise<void>((resolve) => setImmediate(resolve));
          if (EXCHANGE_MESSAGES.has(type)) exchangeOpen = true;
          try {
            return await target.execProtocolRawStream(message, options);
          } finally {
            if (END_OF_EXCHANGE.has(type)) exchangeOpen = false;
          }
        };
      }
      if (property === "exec") {
        // Used by the socket server to roll back after a client vanished mid-transaction or mid-exchange.
        return async (...args: Parameters<PGlite["exec"]>) => {
          exchangeOpen = false;
          return target.exec(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    db: pinned,
    /**
     * After the socket server has cut every connection (dropConnections): a message that was waiting for its
     * turn when its connection went can open an exchange that no Sync will ever close, and the queue would
     * wait for that connection forever. Waits for the message in flight, then unpins (and rolls back).
     */
    async releaseAbandonedExchange() {
      await db.runExclusive(() => Promise.resolve());
      exchangeOpen = false;
      if (db.isInTransaction()) await db.exec("ROLLBACK");
    },
  };
}
