import type { Keys } from "../keys";
import type { Logger } from "../log";
import type { RlsAuthorizer } from "./authorization";
import type { TokenVerifier } from "./tokens";
import type { ChannelRegistry } from "./channel-registry";
import type { RealtimeStats } from "./stats";

/** Tunables of the realtime service; the defaults suit one box with a few thousand phones. */
export type RealtimeOptions = {
  /** Largest accepted WebSocket frame; bigger ones close the socket with 1009 (Supabase allows 5 MB). */
  maxFrameBytes: number;
  /** Bytes queued on one socket before it is dropped as a slow consumer (it reconnects and resyncs). */
  maxBufferedBytes: number;
  /** Close a socket that sent nothing (not even a heartbeat) for this long (Phoenix's default: 60 s). */
  idleTimeoutMs: number;
  /** Extra time to gather presence changes into one diff; 0 = the same event-loop turn only. */
  presenceDiffWindowMs: number;
  /** HTTP broadcast body limit. */
  maxHttpBodyBytes: number;
  /** Channel joins one socket may hold at once (Supabase: max_channels_per_client, default 100). */
  maxChannelsPerSocket: number;
  /** Fan-out writes whole pre-built frames to the TCP sockets (one write each) instead of `ws.send`. */
  directFrameWrites: boolean;
};

export const DEFAULT_REALTIME_OPTIONS: RealtimeOptions = {
  maxFrameBytes: 1024 * 1024,
  maxBufferedBytes: 16 * 1024 * 1024,
  idleTimeoutMs: 60_000,
  presenceDiffWindowMs: 0,
  maxHttpBodyBytes: 1024 * 1024,
  maxChannelsPerSocket: 100,
  directFrameWrites: true,
};

/** What sockets and the HTTP endpoints share. */
export type RealtimeCore = {
  keys: Keys;
  registry: ChannelRegistry;
  stats: RealtimeStats;
  tokens: TokenVerifier;
  rls: RlsAuthorizer;
  log: Logger;
  options: RealtimeOptions;
};
