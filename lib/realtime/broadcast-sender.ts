import http from "node:http";
import https from "node:https";

export type BroadcastTarget = { url: string; serviceKey: string; requestId?: string };

type Queued = { message: string; bytes: number; target: BroadcastTarget; settle: (sent: boolean) => void };

/**
 * Realtime's HTTP broadcast endpoint, fed by every request this instance serves. Messages handed over in the
 * same turn of the event loop (a hundred hosts opening their questions at once; a reveal's thousands of
 * personal copies) leave together, many to a request (at most `batchBytes` each, `parallel` requests in
 * flight), over kept-alive connections: a few requests instead of one per event, each far cheaper than a
 * `fetch`. Each message settles with its request's outcome; a failed request is retried once.
 */
export class BroadcastSender {
  private readonly queue: Queued[] = [];
  private inFlight = 0;
  private isScheduled = false;
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 16 }),
  };

  constructor(private readonly options: { batchBytes: number; parallel: number; timeoutMs: number }) {}

  /** Resolves true once every message has been accepted by Realtime, false if any could not be sent. */
  send(messages: readonly string[], target: BroadcastTarget): Promise<boolean> {
    if (messages.length === 0) return Promise.resolve(true);
    const outcomes = messages.map(
      (message) =>
        new Promise<boolean>((settle) =>
          this.queue.push({ message, bytes: Buffer.byteLength(message) + 1, target, settle }),
        ),
    );
    this.schedule();
    return Promise.all(outcomes).then((sent) => sent.every(Boolean));
  }

  private schedule() {
    if (this.isScheduled || this.inFlight >= this.options.parallel) return;
    this.isScheduled = true;
    setImmediate(() => {
      this.isScheduled = false;
      this.flush();
    });
  }

  private flush() {
    while (this.queue.length > 0 && this.inFlight < this.options.parallel) {
      const batch = this.takeBatch();
      this.inFlight += 1;
      void this.post(batch).then((sent) => {
        for (const item of batch) item.settle(sent);
        this.inFlight -= 1;
        if (this.queue.length > 0) this.schedule();
      });
    }
  }

  /** The next messages for one request: same endpoint and key, within the size budget (at least one). */
  private takeBatch(): Queued[] {
    const first = this.queue[0]!;
    const batch: Queued[] = [];
    let bytes = 0;
    for (let i = 0; i < this.queue.length;) {
      const item = this.queue[i]!;
      const sameTarget = item.target.url === first.target.url && item.target.serviceKey === first.target.serviceKey;
      if (!sameTarget) {
        i++;
        continue;
      }
      if (batch.length > 0 && bytes + item.bytes > this.options.batchBytes) break;
      batch.push(item);
      bytes += item.bytes;
      this.queue.splice(i, 1);
    }
    return batch;
  }

  private async post(batch: Queued[]): Promise<boolean> {
    const body = `{"messages":[${batch.map((item) => item.message).join(",")}]}`;
    const target = batch[0]!.target;
    for (let attempt = 1; attempt <= 2; attempt++) {
      if (await this.request(target, body).catch(() => false)) return true;
    }
    return false;
  }

  private request(target: BroadcastTarget, body: string): Promise<boolean> {
    const url = new URL("/realtime/v1/api/broadcast", target.url);
    const isHttps = url.protocol === "https:";
    return new Promise((resolve, reject) => {
      const req = (isHttps ? https : http).request(
        url,
        {
          method: "POST",
          agent: isHttps ? this.agents.https : this.agents.http,
          headers: {
            apikey: target.serviceKey,
            authorization: `Bearer ${target.serviceKey}`,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            ...(target.requestId ? { "x-request-id": target.requestId } : {}),
          },
          timeout: this.options.timeoutMs,
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300));
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error("broadcast timed out")));
      req.on("error", reject);
      req.end(body);
    });
  }
}
