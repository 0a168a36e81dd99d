import type { RealtimeChannel } from "@supabase/supabase-js";
import type { TestClient } from "./test-stack";
import { SignJWT, generateKeyPair } from "jose";
import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import type { Keys } from "../keys";
import { dropTestDatabase, startTestStack } from "../test/harness";
import type { RealtimeService } from "./realtime-service";
import type { RealtimeTestStack } from "./test-stack";

/** Shared helpers of the realtime tests (not a test file itself). */

/** The full local stack (shared harness), seen through the realtime service. */
export async function startFullStack(): Promise<RealtimeTestStack> {
  const stack = await startTestStack();
  return {
    apiUrl: stack.apiUrl,
    keys: stack.keys,
    db: stack.db,
    realtime: stack.services.realtime as RealtimeService,
    async stop() {
      await stack.stop();
      await dropTestDatabase(stack);
    },
  };
}

export type SubscribeResult = { status: string; error?: Error };

/** Subscribes and resolves with the first terminal status (SUBSCRIBED, CHANNEL_ERROR, TIMED_OUT, CLOSED). */
export function subscribe(channel: RealtimeChannel, timeoutMs = 5000): Promise<SubscribeResult> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ status: "NO_STATUS" }), timeoutMs);
    channel.subscribe((status, error) => {
      clearTimeout(timer);
      resolve({ status, error });
    });
  });
}

export async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 3000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A user access token as the auth service would mint it (ES256, Supabase's claims). */
export function userToken(
  keys: Keys,
  sub: string,
  options: { expiresIn?: number; role?: string } = {},
): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return keys.signAccessToken({
    sub,
    role: options.role ?? "authenticated",
    aud: "authenticated",
    iat: options.expiresIn !== undefined && options.expiresIn < 0 ? iat + options.expiresIn - 60 : iat,
    exp: iat + (options.expiresIn ?? 3600),
    session_id: randomUUID(),
  });
}

/** Same claims and `kid`, but signed with a key the stack does not know. */
export async function forgedToken(keys: Keys, sub: string): Promise<string> {
  const { privateKey } = await generateKeyPair("ES256");
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub, role: "authenticated", aud: "authenticated", iat, exp: iat + 3600 })
    .setProtectedHeader({ alg: "ES256", kid: keys.kid, typ: "JWT" })
    .sign(privateKey);
}

/** Closes everything a supabase-js client opened, so no rejoin timer outlives the test. */
export async function closeClient(client: TestClient): Promise<void> {
  await client.removeAllChannels();
  await client.realtime.disconnect();
}

/** A bare WebSocket speaking the wire protocol by hand, for the cases the official client never sends. */
export class RawSocket {
  readonly frames: Array<{ data: Buffer; binary: boolean }> = [];
  closeCode: number | undefined;
  closeReason = "";

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data, binary) => this.frames.push({ data: data as Buffer, binary }));
    ws.on("close", (code, reason) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
    });
    ws.on("error", () => {});
  }

  static open(apiUrl: string, apikey: string, vsn = "2.0.0"): Promise<RawSocket> {
    const url = `${apiUrl.replace(/^http/, "ws")}/realtime/v1/websocket?apikey=${encodeURIComponent(apikey)}&vsn=${vsn}`;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      const socket = new RawSocket(ws);
      ws.once("open", () => resolve(socket));
      ws.once("unexpected-response", (_req, res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () =>
          reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode, body })),
        );
      });
      ws.once("error", reject);
    });
  }

  sendJson(value: unknown): void {
    this.ws.send(JSON.stringify(value));
  }

  sendRaw(data: string | Buffer, binary = typeof data !== "string"): void {
    this.ws.send(data, { binary });
  }

  /** Text frames decoded as JSON (v2 arrays or v1 objects). */
  json(): unknown[] {
    return this.frames.filter((f) => !f.binary).map((f) => JSON.parse(f.data.toString("utf8")) as unknown);
  }

  /** Waits for a v2 text frame matching `[_, ref?, topic?, event]`. */
  async waitArray(match: { ref?: string; topic?: string; event?: string }, timeoutMs = 3000): Promise<unknown[]> {
    return waitFor(
      () =>
        this.json().find(
          (m): m is unknown[] =>
            Array.isArray(m) &&
            (match.ref === undefined || m[1] === match.ref) &&
            (match.topic === undefined || m[2] === match.topic) &&
            (match.event === undefined || m[3] === match.event),
        ),
      timeoutMs,
      `frame ${JSON.stringify(match)}`,
    );
  }

  waitClose(timeoutMs = 3000): Promise<number> {
    return waitFor(() => this.closeCode, timeoutMs, "close");
  }

  close(): void {
    this.ws.terminate();
  }
}
