import type WebSocket from "ws";
import type { VerifiedClaims } from "../keys";
import { handleAccessToken, handleBroadcast, handleJoin, handlePresence, closeJoin } from "./channel-handlers";
import type { ChannelJoin, Connection } from "./channel-registry";
import type { RealtimeCore } from "./core";
import { decodeFrame, encodeMessage, encodeReply, type InboundMessage, type Vsn } from "./serializer";

/**
 * One WebSocket connection: decodes frames, routes them by topic like a Phoenix socket, and owns the
 * channel joins made on it.
 *
 * Frames are handled strictly in order, as a Phoenix socket process does: while an asynchronous step
 * (token check, RLS query) is under way, later frames wait in `backlog`. Without that, a client that
 * joins and immediately tracks presence could have the track handled before the join exists.
 */
export class SocketSession implements Connection {
  readonly joins = new Map<string, ChannelJoin>();
  lastSeen = Date.now();
  closed = false;
  private backlog: Array<{ data: Buffer; isBinary: boolean }> | undefined;

  constructor(
    readonly core: RealtimeCore,
    readonly ws: WebSocket,
    readonly vsn: Vsn,
    /** The connect-time apikey (already verified); joins without their own token use it. */
    readonly apikey: string,
    readonly apikeyClaims: VerifiedClaims,
  ) {}

  onFrame(data: Buffer, isBinary: boolean): void {
    this.core.stats.messagesIn++;
    this.lastSeen = Date.now();
    if (this.backlog) {
      this.backlog.push({ data, isBinary });
      return;
    }
    this.run(data, isBinary);
  }

  private run(data: Buffer, isBinary: boolean): void {
    const pending = this.process(data, isBinary);
    if (!pending) return;
    this.backlog = [];
    void pending.then(
      () => this.drain(),
      (error: unknown) => {
        this.core.log.error("realtime frame handler failed", { error: String(error) });
        this.drain();
      },
    );
  }

  private drain(): void {
    const queued = this.backlog ?? [];
    this.backlog = undefined;
    while (queued.length > 0 && !this.closed) {
      const next = queued.shift()!;
      const pending = this.process(next.data, next.isBinary);
      if (pending) {
        // Still in order: what is left waits behind this step, and frames arriving meanwhile after it.
        this.backlog = queued;
        void pending.then(
          () => this.drain(),
          (error: unknown) => {
            this.core.log.error("realtime frame handler failed", { error: String(error) });
            this.drain();
          },
        );
        return;
      }
    }
  }

  /** Handles one frame; returns a promise only when the step is asynchronous. */
  private process(data: Buffer, isBinary: boolean): Promise<void> | void {
    if (this.closed) return;
    const msg = decodeFrame(this.vsn, data, isBinary);
    if ("error" in msg) {
      this.core.stats.malformedFrames++;
      this.core.log.debug("realtime malformed frame", { error: msg.error });
      // What we cannot decode we cannot answer (no ref to reply to): close as "unsupported data".
      this.kill(1003, msg.error);
      return;
    }
    try {
      return this.route(msg);
    } catch (error) {
      this.core.log.error("realtime message handling failed", { event: msg.event, error: String(error) });
    }
  }

  private route(msg: InboundMessage): Promise<void> | void {
    if (msg.topic === "phoenix" && msg.event === "heartbeat") {
      this.reply(msg, null, "ok", {});
      return;
    }
    if (msg.event === "phx_join") return handleJoin(this, msg);
    const join = this.joins.get(msg.topic);
    if (!join) {
      this.reply(msg, msg.joinRef, "error", { reason: "unmatched topic" });
      return;
    }
    switch (msg.event) {
      case "phx_leave":
        this.reply(msg, join.joinRef, "ok", {});
        closeJoin(this, join, true);
        return;
      case "broadcast":
        return handleBroadcast(this, join, msg);
      case "presence":
        return handlePresence(this, join, msg);
      case "access_token":
        return handleAccessToken(this, join, msg);
      default:
        // Supabase ignores other events on a joined channel (it only logs them).
        return;
    }
  }

  reply(
    msg: Pick<InboundMessage, "ref" | "topic">,
    joinRef: string | null,
    status: "ok" | "error",
    response: Record<string, unknown>,
  ): void {
    this.sendText(encodeReply(this.vsn, joinRef, msg.ref, msg.topic, status, response));
  }

  push(joinRef: string | null, ref: string | null, topic: string, event: string, payload: unknown): void {
    this.sendText(encodeMessage(this.vsn, joinRef, ref, topic, event, payload));
  }

  sendText(text: string): void {
    if (this.ws.readyState !== 1) return;
    this.ws.send(text);
    this.core.stats.messagesOut++;
  }

  /** Ends the connection from the server side (protocol error, slow consumer, shutdown). */
  kill(code: number, reason: string): void {
    if (code === 1013) this.core.stats.slowConsumersDropped++;
    if (this.ws.readyState === 0 || this.ws.readyState === 1) {
      this.ws.close(code, reason.slice(0, 120));
      // A peer that does not answer the close handshake must not linger.
      setTimeout(() => this.ws.terminate(), 2000).unref();
    }
    this.cleanup();
  }

  /** Leaves every channel (presence leaves go out to the others). Idempotent. */
  cleanup(): void {
    if (this.closed) return;
    this.closed = true;
    this.backlog = undefined;
    for (const join of [...this.joins.values()]) closeJoin(this, join, false);
  }
}
