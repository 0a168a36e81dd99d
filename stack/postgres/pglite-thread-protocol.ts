import { Worker } from "node:worker_threads";

/** What the PGlite thread (pglite-thread.ts) is started with. */
export type PgliteThreadInit = {
  dataDir: string;
  host: string;
  port: number;
  maxConnections: number;
  bootstrapSql: string;
};

export type PgliteThreadRequest = { id: number } & ({ type: "stats" } | { type: "drop" } | { type: "stop" });

export type PgliteThreadReply =
  | { type: "ready"; port: number }
  | { type: "stats"; id: number; stats: Record<string, number> }
  | { type: "dropped"; id: number; count: number }
  | { type: "stopped"; id: number }
  | { type: "failed"; id: number; message: string };

export type PgliteThread = {
  port: number;
  stats(): Promise<Record<string, number>>;
  /** Stops and restarts the socket server on the same port: every client connection is cut. */
  dropConnections(): Promise<number>;
  stop(): Promise<void>;
};

/** Starts PGlite and its socket server on a worker thread; resolves once the socket listens. */
export function startPgliteThread(init: PgliteThreadInit): Promise<PgliteThread> {
  const worker = new Worker(new URL("../typescript-worker.mjs", import.meta.url), {
    workerData: { ...init, entry: new URL("./pglite-thread.ts", import.meta.url).href },
  });
  const waiting = new Map<number, { resolve: (reply: PgliteThreadReply) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let failure: Error | null = null;

  const request = (type: PgliteThreadRequest["type"]): Promise<PgliteThreadReply> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, type } satisfies PgliteThreadRequest);
    });
  };
  const failAll = (error: Error) => {
    failure = error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };

  return new Promise((resolve, reject) => {
    worker.on("message", (reply: PgliteThreadReply) => {
      if (reply.type === "ready") {
        resolve({
          port: reply.port,
          stats: async () => {
            const answer = await request("stats");
            return answer.type === "stats" ? answer.stats : {};
          },
          dropConnections: async () => {
            const answer = await request("drop");
            return answer.type === "dropped" ? answer.count : 0;
          },
          stop: async () => {
            if (!failure) await request("stop");
            await worker.terminate();
          },
        });
        return;
      }
      if (reply.type === "failed" && reply.id === 0) return reject(new Error(`PGlite did not start: ${reply.message}`));
      const pending = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.type === "failed") pending?.reject(new Error(reply.message));
      else pending?.resolve(reply);
    });
    worker.on("error", (error) => {
      failAll(error);
      reject(error);
    });
    worker.on("exit", (code) => {
      const error = new Error(`the PGlite thread exited (code ${code})`);
      failAll(error);
      reject(error);
    });
  });
}
