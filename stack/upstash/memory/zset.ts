import { normalizeRange } from "./numbers";
import { SkipList, type NodeRange, type SkipNode } from "./skiplist";

export type ScoredMember = { member: string; score: number };

/** A sorted set: member → score map plus a skip list in (score, member) order. */
export class ZSet {
  private readonly scores = new Map<string, number>();
  private readonly list = new SkipList();

  get size(): number {
    return this.scores.size;
  }

  score(member: string): number | undefined {
    return this.scores.get(member);
  }

  /** Sets a member's score (adding it if new). */
  set(member: string, score: number): void {
    const current = this.scores.get(member);
    if (current === score) return;
    this.scores.set(member, score);
    if (current === undefined) this.list.insert(score, member);
    else this.list.updateScore(current, member, score);
  }

  remove(member: string): boolean {
    const current = this.scores.get(member);
    if (current === undefined) return false;
    this.scores.delete(member);
    this.list.delete(current, member);
    return true;
  }

  /** 0-based rank (ascending, or descending with `reverse`). */
  rank(member: string, reverse = false): number | undefined {
    const score = this.scores.get(member);
    if (score === undefined) return undefined;
    const rank = this.list.rank(score, member);
    return reverse ? this.size - rank : rank - 1;
  }

  /** Members by rank, Redis-style start/stop (negatives count from the end), inclusive. */
  rangeByRank(start: number, stop: number, reverse = false): ScoredMember[] {
    const range = normalizeRange(start, stop, this.size);
    if (!range) return [];
    const [from, to] = range;
    const out: ScoredMember[] = [];
    let node = reverse ? this.list.byRank(this.size - from) : this.list.byRank(from + 1);
    for (let i = from; i <= to && node; i++) {
      out.push({ member: node.member, score: node.score });
      node = reverse ? node.backward : node.next();
    }
    return out;
  }

  /** Members in a score or lex range, ascending (or descending), after skipping `offset`, at most `count` (<0: all). */
  rangeIn(range: NodeRange, reverse = false, offset = 0, count = -1): ScoredMember[] {
    const out: ScoredMember[] = [];
    if (offset < 0) return out;
    let node: SkipNode | null = reverse ? this.list.lastInRange(range) : this.list.firstInRange(range);
    while (node && offset > 0) {
      node = reverse ? node.backward : node.next();
      offset--;
    }
    while (node && count !== 0 && range.aboveMin(node) && range.belowMax(node)) {
      out.push({ member: node.member, score: node.score });
      node = reverse ? node.backward : node.next();
      if (count > 0) count--;
    }
    return out;
  }

  count(range: NodeRange): number {
    const first = this.list.firstInRange(range);
    if (!first) return 0;
    const last = this.list.lastInRange(range);
    if (!last) return 0;
    return this.list.rank(last.score, last.member) - this.list.rank(first.score, first.member) + 1;
  }

  /** Removes members by rank range; returns how many. */
  removeRangeByRank(start: number, stop: number): number {
    const members = this.rangeByRank(start, stop);
    for (const { member } of members) this.remove(member);
    return members.length;
  }

  removeRangeIn(range: NodeRange): number {
    const members = this.rangeIn(range);
    for (const { member } of members) this.remove(member);
    return members.length;
  }

  *entries(): Iterable<ScoredMember> {
    for (let node = this.list.first(); node; node = node.next()) yield { member: node.member, score: node.score };
  }
}
