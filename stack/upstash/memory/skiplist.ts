/**
 * A skip list with spans (the structure Redis uses for sorted sets): ordered by score, then by member in
 * byte order; O(log n) insert, delete, rank and rank→node.
 */

const MAX_LEVEL = 32;
const P = 0.25;

/**
 * Member order: Redis compares members with memcmp on their UTF-8 bytes, which is code-point order. JS
 * compares UTF-16 code units, which differs only when a surrogate meets a unit ≥ U+E000; fix that case.
 */
export function compareMembers(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x <= 0xdfff ? x + 0x2000 : x - 0x800;
      y = y <= 0xdfff ? y + 0x2000 : y - 0x800;
    }
    return x - y;
  }
  return a.length - b.length;
}

export class SkipNode {
  readonly forward: (SkipNode | null)[];
  readonly span: number[];
  backward: SkipNode | null = null;
  constructor(
    readonly member: string,
    public score: number,
    level: number,
  ) {
    this.forward = new Array<SkipNode | null>(level).fill(null);
    this.span = new Array<number>(level).fill(0);
  }
  next(): SkipNode | null {
    return this.forward[0] ?? null;
  }
}

/** True if node sorts strictly before (score, member). */
function before(node: SkipNode, score: number, member: string): boolean {
  return node.score < score || (node.score === score && compareMembers(node.member, member) < 0);
}

/** A contiguous range of the order: nodes past its lower end and before its upper end. */
export type NodeRange = { aboveMin(node: SkipNode): boolean; belowMax(node: SkipNode): boolean };

export type ScoreRange = { min: number; minExclusive: boolean; max: number; maxExclusive: boolean };

export function scoreRange(r: ScoreRange): NodeRange {
  return {
    aboveMin: (n) => (r.minExclusive ? n.score > r.min : n.score >= r.min),
    belowMax: (n) => (r.maxExclusive ? n.score < r.max : n.score <= r.max),
  };
}

/** A ZRANGEBYLEX range; `value` undefined means "-" (for min) or "+" (for max). */
export type LexBound = { value: string | undefined; exclusive: boolean; infinite: "-" | "+" | undefined };

export function lexRange(min: LexBound, max: LexBound): NodeRange {
  const passes = (member: string, bound: LexBound, side: "min" | "max") => {
    if (bound.infinite === "-") return side === "max" ? false : true;
    if (bound.infinite === "+") return side === "min" ? false : true;
    const c = compareMembers(member, bound.value ?? "");
    if (side === "min") return bound.exclusive ? c > 0 : c >= 0;
    return bound.exclusive ? c < 0 : c <= 0;
  };
  return { aboveMin: (n) => passes(n.member, min, "min"), belowMax: (n) => passes(n.member, max, "max") };
}

function randomLevel(): number {
  let level = 1;
  while (level < MAX_LEVEL && Math.random() < P) level++;
  return level;
}

export class SkipList {
  private readonly head = new SkipNode("", 0, MAX_LEVEL);
  tail: SkipNode | null = null;
  private level = 1;
  length = 0;
  // Scratch arrays reused by every insert/delete (no allocation per operation).
  private readonly update = new Array<SkipNode>(MAX_LEVEL);
  private readonly rankAt = new Array<number>(MAX_LEVEL).fill(0);

  first(): SkipNode | null {
    return this.head.forward[0] ?? null;
  }

  insert(score: number, member: string): SkipNode {
    const update = this.update;
    const rank = this.rankAt;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      rank[i] = i === this.level - 1 ? 0 : (rank[i + 1] as number);
      let next = x.forward[i];
      while (next && before(next, score, member)) {
        rank[i] = (rank[i] as number) + (x.span[i] as number);
        x = next;
        next = x.forward[i];
      }
      update[i] = x;
    }
    const level = randomLevel();
    if (level > this.level) {
      for (let i = this.level; i < level; i++) {
        rank[i] = 0;
        update[i] = this.head;
        this.head.span[i] = this.length;
      }
      this.level = level;
    }
    const node = new SkipNode(member, score, level);
    const rank0 = rank[0] as number;
    for (let i = 0; i < level; i++) {
      const prev = update[i] as SkipNode;
      node.forward[i] = prev.forward[i] ?? null;
      prev.forward[i] = node;
      node.span[i] = (prev.span[i] as number) - (rank0 - (rank[i] as number));
      prev.span[i] = rank0 - (rank[i] as number) + 1;
    }
    for (let i = level; i < this.level; i++) (update[i] as SkipNode).span[i]! += 1;
    node.backward = update[0] === this.head ? null : (update[0] as SkipNode);
    const after = node.forward[0];
    if (after) after.backward = node;
    else this.tail = node;
    this.length++;
    return node;
  }

  /**
   * Changes a member's score: in place when the node stays between its neighbours (the common case for
   * small increments, as in Redis's zslUpdateScore), else by delete + insert.
   */
  updateScore(score: number, member: string, newScore: number): void {
    const node = this.find(score, member);
    if (!node) throw new Error("updateScore of a missing member");
    const prev = node.backward;
    const next = node.forward[0];
    if ((!prev || before(prev, newScore, member)) && (!next || !before(next, newScore, member))) {
      node.score = newScore;
      return;
    }
    this.delete(score, member);
    this.insert(newScore, member);
  }

  private find(score: number, member: string): SkipNode | null {
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next && before(next, score, member)) {
        x = next;
        next = x.forward[i];
      }
    }
    const node = x.forward[0];
    return node && node.score === score && node.member === member ? node : null;
  }

  delete(score: number, member: string): boolean {
    const update = this.update;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next && before(next, score, member)) {
        x = next;
        next = x.forward[i];
      }
      update[i] = x;
    }
    const target = x.forward[0];
    if (!target || target.score !== score || target.member !== member) return false;
    for (let i = 0; i < this.level; i++) {
      const prev = update[i] as SkipNode;
      if (prev.forward[i] === target) {
        prev.span[i] = (prev.span[i] as number) + (target.span[i] as number) - 1;
        prev.forward[i] = target.forward[i] ?? null;
      } else {
        prev.span[i] = (prev.span[i] as number) - 1;
      }
    }
    const after = target.forward[0];
    if (after) after.backward = target.backward;
    else this.tail = target.backward;
    while (this.level > 1 && !this.head.forward[this.level - 1]) this.level--;
    this.length--;
    return true;
  }

  /** 1-based rank of (score, member), 0 if absent. */
  rank(score: number, member: string): number {
    let rank = 0;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next && (before(next, score, member) || (next.score === score && next.member === member))) {
        rank += x.span[i] as number;
        x = next;
        next = x.forward[i];
      }
      if (x !== this.head && x.member === member && x.score === score) return rank;
    }
    return 0;
  }

  /** Node at a 1-based rank. */
  byRank(rank: number): SkipNode | null {
    let traversed = 0;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next && traversed + (x.span[i] as number) <= rank) {
        traversed += x.span[i] as number;
        x = next;
        next = x.forward[i];
      }
      if (traversed === rank) return x === this.head ? null : x;
    }
    return null;
  }

  firstInRange(range: NodeRange): SkipNode | null {
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next && !range.aboveMin(next)) {
        x = next;
        next = x.forward[i];
      }
    }
    const node = x.forward[0];
    return node && range.belowMax(node) ? node : null;
  }

  lastInRange(range: NodeRange): SkipNode | null {
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next && range.belowMax(next)) {
        x = next;
        next = x.forward[i];
      }
    }
    return x !== this.head && range.aboveMin(x) ? x : null;
  }
}
