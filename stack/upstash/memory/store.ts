import { WRONGTYPE, fail } from "./errors";
import { globMatcher } from "./glob";
import { ZSet } from "./zset";

/** The in-memory keyspace: typed values, expiry (lazy on access + a periodic sweep) and SCAN cursors. */

export type TypeName = "string" | "hash" | "set" | "list" | "zset";
type DataOf = { string: string; hash: Map<string, string>; set: Set<string>; list: string[]; zset: ZSet };
export type Value = { [T in TypeName]: { type: T; data: DataOf[T]; seq: number } }[TypeName];

const makeEmpty: { [T in TypeName]: () => DataOf[T] } = {
  string: () => "",
  hash: () => new Map(),
  set: () => new Set(),
  list: () => [],
  zset: () => new ZSet(),
};

type Cursor = { iterator: Iterator<[string, Value]>; pending: { key: string; seq: number } | undefined };

function advance(iterator: Iterator<[string, Value]>): { key: string; seq: number } | undefined {
  const next = iterator.next();
  return next.done ? undefined : { key: next.value[0], seq: next.value[1].seq };
}

export class Keyspace {
  private readonly map = new Map<string, Value>();
  private readonly expires = new Map<string, number>();
  /** Min-heap of (deadline, key); entries whose deadline no longer matches `expires` are stale. */
  private heap: { at: number; key: string }[] = [];
  private seq = 0;
  private readonly cursors = new Map<string, Cursor>();
  expiredCount = 0;

  constructor(readonly now: () => number = Date.now) {}

  get size(): number {
    return this.map.size;
  }

  get expiringCount(): number {
    return this.expires.size;
  }

  /** The live value at key (an expired key is deleted and reads as absent). */
  lookup(key: string): Value | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    const at = this.expires.get(key);
    if (at !== undefined && at <= this.now()) {
      this.expireKey(key);
      return undefined;
    }
    return value;
  }

  /** The data of a key of the given type; undefined if absent; WRONGTYPE if of another type. */
  get<T extends TypeName>(key: string, type: T): DataOf[T] | undefined {
    const value = this.lookup(key);
    if (value === undefined) return undefined;
    if (value.type !== type) fail(WRONGTYPE);
    return value.data as DataOf[T];
  }

  /** Like `get`, creating an empty value when absent. */
  getOrCreate<T extends TypeName>(key: string, type: T): DataOf[T] {
    const existing = this.get(key, type);
    if (existing !== undefined) return existing;
    const data = makeEmpty[type]();
    this.map.set(key, { type, data, seq: ++this.seq } as Value);
    return data;
  }

  /** Replaces whatever is at key; the TTL is dropped unless `keepTtl`. */
  put<T extends TypeName>(key: string, type: T, data: DataOf[T], keepTtl = false): void {
    const existing = this.lookup(key);
    const seq = existing ? existing.seq : ++this.seq;
    this.map.set(key, { type, data, seq } as Value);
    if (!keepTtl) this.expires.delete(key);
  }

  /** Updates a string in place (INCR, APPEND…), keeping its TTL. */
  setString(key: string, data: string): void {
    this.put(key, "string", data, true);
  }

  delete(key: string): boolean {
    if (this.lookup(key) === undefined) return false;
    this.map.delete(key);
    this.expires.delete(key);
    return true;
  }

  /** Removes a container that became empty (Redis never keeps empty hashes, sets, lists or sorted sets). */
  dropIfEmpty(key: string, data: Map<string, string> | Set<string> | string[] | ZSet): void {
    const size = Array.isArray(data) ? data.length : data.size;
    if (size === 0) this.delete(key);
  }

  /** Absolute deadline in ms; a deadline in the past deletes the key. Returns false if the key is absent. */
  setExpiry(key: string, at: number): boolean {
    if (this.lookup(key) === undefined) return false;
    if (at <= this.now()) {
      this.map.delete(key);
      this.expires.delete(key);
      return true;
    }
    this.expires.set(key, at);
    this.heapPush({ at, key });
    return true;
  }

  /** Deadline in ms, -1 without TTL, -2 if absent. */
  expiryOf(key: string): number {
    if (this.lookup(key) === undefined) return -2;
    return this.expires.get(key) ?? -1;
  }

  persist(key: string): boolean {
    if (this.lookup(key) === undefined) return false;
    return this.expires.delete(key);
  }

  flush(): void {
    this.map.clear();
    this.expires.clear();
    this.heap = [];
    this.cursors.clear();
  }

  /** All live keys matching a glob pattern. */
  keys(pattern: string): string[] {
    const match = globMatcher(pattern);
    const out: string[] = [];
    for (const key of this.map.keys()) if (match(key) && this.lookup(key) !== undefined) out.push(key);
    return out;
  }

  /**
   * One SCAN step. The cursor is the insertion sequence number of the next key to examine; keys are
   * visited in insertion order, so every key present for the whole scan is returned at least once.
   */
  scan(cursor: number, count: number, pattern?: string, type?: string): [string, string[]] {
    const match = pattern === undefined ? undefined : globMatcher(pattern);
    let state = cursor === 0 ? undefined : this.cursors.get(String(cursor));
    this.cursors.delete(String(cursor));
    if (!state) {
      const iterator = this.map.entries();
      let pending = advance(iterator);
      while (pending && pending.seq < cursor) pending = advance(iterator);
      state = { iterator, pending };
    }
    const out: string[] = [];
    for (let examined = 0; state.pending && examined < count; examined++) {
      const { key } = state.pending;
      state.pending = advance(state.iterator);
      const value = this.lookup(key);
      if (value === undefined) continue;
      if (match && !match(key)) continue;
      if (type !== undefined && value.type !== type) continue;
      out.push(key);
    }
    while (state.pending && !this.map.has(state.pending.key)) state.pending = advance(state.iterator);
    if (!state.pending) return ["0", out];
    const next = String(state.pending.seq);
    if (this.cursors.size >= 1024) this.cursors.delete(this.cursors.keys().next().value as string);
    this.cursors.set(next, state);
    return [next, out];
  }

  /** Deletes expired keys, at most `budget` per call; returns how many. */
  sweep(budget = 10_000): number {
    const now = this.now();
    let removed = 0;
    while (budget-- > 0) {
      const top = this.heap[0];
      if (!top || top.at > now) break;
      this.heapPop();
      if (this.expires.get(top.key) === top.at) {
        this.expireKey(top.key);
        removed++;
      }
    }
    if (this.heap.length > 1024 && this.heap.length > 2 * this.expires.size) this.rebuildHeap();
    return removed;
  }

  private expireKey(key: string): void {
    this.map.delete(key);
    this.expires.delete(key);
    this.expiredCount++;
  }

  private rebuildHeap(): void {
    this.heap = [];
    for (const [key, at] of this.expires) this.heapPush({ at, key });
  }

  private heapPush(item: { at: number; key: string }): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as { at: number; key: string };
      if (p.at <= item.at) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = item;
  }

  private heapPop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child =
        right < heap.length && (heap[right] as { at: number }).at < (heap[left] as { at: number }).at ? right : left;
      const c = heap[child] as { at: number; key: string };
      if (c.at >= last.at) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
  }
}
