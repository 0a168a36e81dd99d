import type WebSocket from "ws";
import type { VerifiedClaims } from "../keys";
import { PresenceSpace } from "./presence";
import { wireFrame, type Frame, type Vsn } from "./serializer";
import type { RealtimeStats } from "./stats";

/**
 * Who is subscribed to what, and the fan-out loop.
 *
 * Topics live in two namespaces, like Supabase's `<tenant>:<sub>` and `<tenant>-private:<sub>`: a private
 * "room1" and a public "room1" are different spaces and never see each other's messages.
 *
 * Fan-out is the hot path (PubQuiz's server broadcasts to every player of a session): the frame is built
 * once per serializer by the caller and the very same Buffer is written to every socket. Subscribers are
 * kept in one set per serializer so the loop has no per-socket branching on the wire format.
 */

/** What a channel join needs from its socket. */
export interface Connection {
  readonly vsn: Vsn;
  readonly ws: WebSocket;
  /** Drops the socket, e.g. a consumer that cannot keep up. */
  kill(code: number, reason: string): void;
}

/** RLS outcomes for a private channel; `null` = not evaluated yet (Supabase evaluates lazily too). */
export type Policies = {
  broadcastRead: boolean | null;
  presenceRead: boolean | null;
  broadcastWrite: boolean | null;
  presenceWrite: boolean | null;
};

export type ChannelJoin = {
  conn: Connection;
  /** Wire topic, `realtime:<subTopic>`. */
  topic: string;
  subTopic: string;
  space: TopicSpace;
  joinRef: string;
  isPrivate: boolean;
  selfBroadcast: boolean;
  ack: boolean;
  presenceKey: string;
  presenceEnabled: boolean;
  token: string;
  claims: VerifiedClaims;
  policies: Policies;
  /** Cached `broadcastRead !== false` for public, `=== true` for private: read once per fan-out. */
  receivesBroadcast: boolean;
  expiryTimer: NodeJS.Timeout | undefined;
  left: boolean;
};

export class TopicSpace {
  readonly v1 = new Set<ChannelJoin>();
  readonly v2 = new Set<ChannelJoin>();
  readonly presence: PresenceSpace;

  constructor(
    readonly key: string,
    readonly topic: string,
    readonly isPrivate: boolean,
    registry: ChannelRegistry,
  ) {
    this.presence = new PresenceSpace(this, registry);
  }

  get size(): number {
    return this.v1.size + this.v2.size;
  }
}

/** Frames for one message, per serializer; `undefined` = this serializer's sockets don't get it. */
export type FramesBySerializer = { v1?: Frame; v2?: Frame };

export type FanOutFilter = "broadcast" | "presence";

/** The two private fields of a ws WebSocket the direct write path relies on (ws 8). */
type WsInternals = { _socket?: { write(data: Buffer): boolean }; _sender?: { _state: number } };

// ws copies its options into a fresh object anyway; sharing these avoids one more per send.
const BINARY = { binary: true } as const;
const TEXT = { binary: false } as const;
const OPEN = 1;

export class ChannelRegistry {
  private readonly spaces = new Map<string, TopicSpace>();

  constructor(
    readonly stats: RealtimeStats,
    /** A socket with more than this many bytes queued is dropped rather than buffered without bound. */
    private readonly maxBufferedBytes: number,
    readonly presenceDiffWindowMs: number,
    /** Write pre-framed bytes to the TCP socket (see writeAll); false = always `ws.send`. */
    private readonly directWrites = true,
  ) {}

  static spaceKey(subTopic: string, isPrivate: boolean): string {
    return `${isPrivate ? "private" : "public"}:${subTopic}`;
  }

  get topicCount(): number {
    return this.spaces.size;
  }

  find(subTopic: string, isPrivate: boolean): TopicSpace | undefined {
    return this.spaces.get(ChannelRegistry.spaceKey(subTopic, isPrivate));
  }

  space(subTopic: string, isPrivate: boolean): TopicSpace {
    const key = ChannelRegistry.spaceKey(subTopic, isPrivate);
    let space = this.spaces.get(key);
    if (!space) {
      space = new TopicSpace(key, `realtime:${subTopic}`, isPrivate, this);
      this.spaces.set(key, space);
    }
    return space;
  }

  add(join: ChannelJoin): void {
    (join.conn.vsn === "2.0.0" ? join.space.v2 : join.space.v1).add(join);
  }

  remove(join: ChannelJoin): void {
    const space = join.space;
    (join.conn.vsn === "2.0.0" ? space.v2 : space.v1).delete(join);
    space.presence.leave(join);
    if (space.size === 0 && space.presence.isEmpty()) this.spaces.delete(space.key);
  }

  /**
   * Writes the frames to every subscriber of `space` that may read this kind of message, except
   * `exclude` (the sender of a broadcast with `self: false`). Returns the number of sockets written to.
   */
  fanOut(space: TopicSpace, frames: FramesBySerializer, filter: FanOutFilter, exclude?: ChannelJoin): number {
    const started = performance.now();
    let delivered = 0;
    if (frames.v2 && space.v2.size > 0) delivered += this.writeAll(space.v2, frames.v2, filter, exclude);
    if (frames.v1 && space.v1.size > 0) delivered += this.writeAll(space.v1, frames.v1, filter, exclude);
    this.stats.recordFanOut(delivered, performance.now() - started);
    return delivered;
  }

  private writeAll(joins: Set<ChannelJoin>, frame: Frame, filter: FanOutFilter, exclude?: ChannelJoin): number {
    const options = frame.binary ? BINARY : TEXT;
    const wire = this.directWrites ? wireFrame(frame) : undefined;
    const limit = this.maxBufferedBytes;
    let delivered = 0;
    for (const join of joins) {
      if (join === exclude) continue;
      if (filter === "broadcast" ? !join.receivesBroadcast : !canReadPresence(join)) continue;
      const ws = join.conn.ws;
      if (ws.readyState !== OPEN) continue;
      if (ws.bufferedAmount > limit) {
        join.conn.kill(1013, "slow consumer");
        continue;
      }
      // The pre-framed bytes go straight to the TCP socket when ws's sender is idle, which it always is
      // here (no compression, no Blob sends): frames stay whole, in order with ws's own writes.
      const internals = ws as unknown as WsInternals;
      if (wire && internals._sender?._state === 0 && internals._socket) internals._socket.write(wire);
      else ws.send(frame.data, options);
      delivered++;
    }
    return delivered;
  }
}

/** Public channels: everyone receives presence diffs (as on Supabase); private: only with presence read. */
export function canReadPresence(join: ChannelJoin): boolean {
  return !join.isPrivate || join.policies.presenceRead === true;
}

export function receivesBroadcast(join: Pick<ChannelJoin, "isPrivate" | "policies">): boolean {
  return !join.isPrivate || join.policies.broadcastRead === true;
}
