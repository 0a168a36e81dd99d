import { randomBytes } from "node:crypto";
import type { ChannelJoin, ChannelRegistry, TopicSpace } from "./channel-registry";
import { encodeSharedText } from "./serializer";

/**
 * Phoenix Presence semantics for one topic space (reference A.9).
 *
 * State is `{key: {metas: [meta…]}}` where each meta is the tracked payload plus a unique `phx_ref`
 * (and `phx_ref_prev` on an update). A channel join tracks under its one presence key; tracking again
 * with a different payload is an update (leave old meta + join new meta in one diff), with the same
 * payload a no-op, as on Supabase.
 *
 * Diffs are coalesced: every change made in the same event-loop turn (or within `presenceDiffWindowMs`,
 * when set) goes out as one `presence_diff`. A join wave of N players tracking then costs far fewer
 * than N² deliveries, and clients merge diffs exactly as they would merge the separate ones
 * (joins/leaves are keyed by the unique phx_ref).
 *
 * Exception: a key that already has an entry on the other side of the pending diff starts a new diff.
 * realtime-js applies a diff's joins before its leaves, and building its `join` event strips `phx_ref`
 * from the metas already held for that key (presenceAdapter mutates the live state), so an update sent
 * as one `{joins: new, leaves: old}` diff (Phoenix's shape) would leave the old meta behind forever.
 * Sent as leave-then-join, the client ends up with exactly the new meta.
 */

export type PresenceMeta = Record<string, unknown> & { phx_ref: string; phx_ref_prev?: string };
type Metas = Record<string, { metas: PresenceMeta[] }>;

let refCounter = 0;
const refPrefix = randomBytes(4).toString("base64url");

/** Unique per track, like Phoenix's phx_ref (opaque to clients). */
function nextRef(): string {
  refCounter = (refCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `${refPrefix}${refCounter.toString(36)}`;
}

export class PresenceSpace {
  /** key → (join → its meta). A join has at most one meta (one presence key per channel join). */
  private readonly entries = new Map<string, Map<ChannelJoin, { meta: PresenceMeta; payloadJson: string }>>();
  private pending: Array<{ joins: Metas; leaves: Metas }> = [];
  private flushScheduled = false;

  constructor(
    private readonly space: TopicSpace,
    private readonly registry: ChannelRegistry,
  ) {}

  isEmpty(): boolean {
    return this.entries.size === 0;
  }

  /** The full state, as pushed in `presence_state` after a join. */
  state(): Metas {
    const out: Metas = {};
    for (const [key, byJoin] of this.entries) out[key] = { metas: [...byJoin.values()].map((e) => e.meta) };
    return out;
  }

  track(join: ChannelJoin, payload: Record<string, unknown>): void {
    const key = join.presenceKey;
    const payloadJson = JSON.stringify(payload);
    let byJoin = this.entries.get(key);
    const previous = byJoin?.get(join);
    if (previous && previous.payloadJson === payloadJson) return;
    const meta: PresenceMeta = { ...payload, phx_ref: nextRef() };
    if (previous) meta.phx_ref_prev = previous.meta.phx_ref;
    if (!byJoin) {
      byJoin = new Map();
      this.entries.set(key, byJoin);
    }
    byJoin.set(join, { meta, payloadJson });
    if (previous) this.queue("leaves", key, previous.meta);
    this.queue("joins", key, meta);
  }

  /** `untrack` and channel leave / socket close. */
  leave(join: ChannelJoin): void {
    const key = join.presenceKey;
    const byJoin = this.entries.get(key);
    const entry = byJoin?.get(join);
    if (!byJoin || !entry) return;
    byJoin.delete(join);
    if (byJoin.size === 0) this.entries.delete(key);
    this.queue("leaves", key, entry.meta);
  }

  private queue(side: "joins" | "leaves", key: string, meta: PresenceMeta): void {
    const other = side === "joins" ? "leaves" : "joins";
    let diff = this.pending.at(-1);
    if (!diff || diff[other][key]) {
      diff = { joins: {}, leaves: {} };
      this.pending.push(diff);
    }
    (diff[side][key] ??= { metas: [] }).metas.push(meta);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    const window = this.registry.presenceDiffWindowMs;
    if (window > 0) setTimeout(() => this.flush(), window).unref();
    else setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const diffs = this.pending;
    this.pending = [];
    const space = this.space;
    for (const diff of diffs) {
      const json = JSON.stringify(diff);
      this.registry.fanOut(
        space,
        {
          v2: space.v2.size > 0 ? encodeSharedText("2.0.0", space.topic, "presence_diff", json) : undefined,
          v1: space.v1.size > 0 ? encodeSharedText("1.0.0", space.topic, "presence_diff", json) : undefined,
        },
        "presence",
      );
    }
  }
}
