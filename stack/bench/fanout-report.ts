/**
 * Figures of the fan-out benchmark: one `RunResult` per (round, variant, N), the median over rounds per
 * (variant, N), and the ratios to the bare-ws floor. Ratios are taken within a round (each variant against
 * the floor measured right next to it) and then the median over rounds, so background load on a shared
 * 2-core box skews both sides of a ratio alike.
 */

export type RunResult = {
  round: number;
  variant: string;
  subscribers: number;
  broadcasts: number;
  delivered: number;
  lost: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  /** p99 within each broadcast, median over broadcasts: the typical fan-out, less sensitive to one hiccup. */
  median_broadcast_p99_ms: number;
  per_broadcast_max_ms: number[];
  join_s: number;
  /** Server CPU spent on the whole connect + join wave. */
  join_server_cpu_s: number;
  server_cpu_s: number;
  server_cpu_us_per_msg: number;
  clients_cpu_s: number;
  last_fan_out_ms: number | null;
};

export const FLOOR = "bare-ws floor";

type NumericKey = Exclude<
  { [K in keyof RunResult]: RunResult[K] extends number ? K : never }[keyof RunResult],
  "round"
>;

const MEDIAN_KEYS: NumericKey[] = [
  "p50_ms",
  "p99_ms",
  "median_broadcast_p99_ms",
  "max_ms",
  "join_s",
  "join_server_cpu_s",
  "server_cpu_s",
  "server_cpu_us_per_msg",
  "clients_cpu_s",
];

export type Summary = Omit<RunResult, "round" | "per_broadcast_max_ms"> & { rounds: number };

/** Median per (variant, N) over rounds; delivered and lost are totals (lost must be 0 in every round). */
export function summarize(results: RunResult[]): Summary[] {
  const groups = new Map<string, RunResult[]>();
  for (const r of results) {
    const key = `${r.subscribers}\u0000${r.variant}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((runs) => {
    const { round: _round, per_broadcast_max_ms: _perBroadcast, ...first } = runs[0]!;
    const summary: Summary = {
      ...first,
      rounds: runs.length,
      delivered: runs.reduce((s, r) => s + r.delivered, 0),
      lost: runs.reduce((s, r) => s + r.lost, 0),
      broadcasts: runs.reduce((s, r) => s + r.broadcasts, 0),
      last_fan_out_ms: medianOrNull(runs.flatMap((r) => (r.last_fan_out_ms === null ? [] : [r.last_fan_out_ms]))),
    };
    for (const key of MEDIAN_KEYS) summary[key] = round2(median(runs.map((r) => r[key])));
    return summary;
  });
}

export type Ratios = {
  subscribers: number;
  /** "stack public" (official clients) p99 / floor p99: the target is ≤ 1.5. */
  p99_vs_floor: number | null;
  per_round_p99_vs_floor: number[];
  median_broadcast_p99_vs_floor: number | null;
  /** Same clients as the floor, so this isolates the server. */
  raw_clients_p99_vs_floor: number | null;
  server_cpu_vs_floor: number | null;
};

export function ratios(results: RunResult[], subscribers: number[]): Ratios[] {
  return subscribers.map((n) => {
    const perRound = (variant: string, key: NumericKey) =>
      [...new Set(results.map((r) => r.round))].flatMap((round) => {
        const floor = results.find((r) => r.round === round && r.subscribers === n && r.variant === FLOOR);
        const run = results.find((r) => r.round === round && r.subscribers === n && r.variant === variant);
        return run && floor && floor[key] > 0 ? [run[key] / floor[key]] : [];
      });
    const med = (values: number[]) => (values.length > 0 ? round2(median(values)) : null);
    const p99 = perRound("stack public", "p99_ms");
    return {
      subscribers: n,
      p99_vs_floor: med(p99),
      per_round_p99_vs_floor: p99.map(round2),
      median_broadcast_p99_vs_floor: med(perRound("stack public", "median_broadcast_p99_ms")),
      raw_clients_p99_vs_floor: med(perRound("stack raw-ws", "p99_ms")),
      server_cpu_vs_floor: med(perRound("stack public", "server_cpu_us_per_msg")),
    };
  });
}

export function printReport(summaries: Summary[], allRatios: Ratios[]): void {
  const columns: Array<[string, (s: Summary) => string | number]> = [
    ["variant", (s) => s.variant],
    ["N", (s) => s.subscribers],
    ["rounds", (s) => s.rounds],
    ["delivered", (s) => s.delivered],
    ["lost", (s) => s.lost],
    ["p50 ms", (s) => s.p50_ms],
    ["p99 ms", (s) => s.p99_ms],
    ["typ p99", (s) => s.median_broadcast_p99_ms],
    ["max ms", (s) => s.max_ms],
    ["join s", (s) => s.join_s],
    ["join srv cpu s", (s) => s.join_server_cpu_s],
    ["srv µs/msg", (s) => s.server_cpu_us_per_msg],
    ["cli cpu s", (s) => s.clients_cpu_s],
    ["fan-out ms", (s) => s.last_fan_out_ms ?? "-"],
  ];
  const rows = summaries.map((s) => columns.map(([, get]) => String(get(s))));
  const head = columns.map(([name]) => name);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(head));
  for (const row of rows) console.log(line(row));
  console.log("(medians over rounds; typ p99 = median over broadcasts of each broadcast's p99)");
  for (const r of allRatios) {
    console.log(
      `N=${r.subscribers}: p99 / floor = ${r.p99_vs_floor ?? "-"} (official clients; per round ${r.per_round_p99_vs_floor.join(", ") || "-"}), ` +
        `${r.raw_clients_p99_vs_floor ?? "-"} (floor's raw-ws clients); typical p99 / floor = ${r.median_broadcast_p99_vs_floor ?? "-"}; ` +
        `server CPU per message / floor = ${r.server_cpu_vs_floor ?? "-"}`,
    );
  }
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function medianOrNull(values: number[]): number | null {
  return values.length > 0 ? round2(median(values)) : null;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
