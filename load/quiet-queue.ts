/**
 * Holds work back until a burst of arrivals has gone quiet. A worker process hosts hundreds of simulated phones
 * on one thread; when a question reaches all of them at once, what the first phones do with it (validating
 * the event, scheduling their answer) would otherwise run between the receipts of the later ones and make
 * them look late. Each real phone has a CPU of its own, so a phone's handling waits here until no message
 * has arrived for `quietMs`, or until the oldest waiting task is `maxWaitMs` old (a burst that never
 * pauses must not starve the work).
 */
export class QuietQueue {
  private tasks: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private firstAt = 0;
  private lastAt = 0;

  constructor(
    private readonly quietMs = 5,
    private readonly maxWaitMs = 150,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(task: () => void): void {
    const at = this.now();
    if (this.tasks.length === 0) this.firstAt = at;
    this.lastAt = at;
    this.tasks.push(task);
    this.timer ??= setTimeout(() => this.check(), this.quietMs);
  }

  get size(): number {
    return this.tasks.length;
  }

  private check(): void {
    this.timer = null;
    const at = this.now();
    const quietFor = at - this.lastAt;
    if (quietFor < this.quietMs && at - this.firstAt < this.maxWaitMs) {
      this.timer = setTimeout(() => this.check(), Math.max(1, this.quietMs - quietFor));
      return;
    }
    const tasks = this.tasks;
    this.tasks = [];
    for (const task of tasks) task();
  }

  /** Runs whatever is waiting now (the run is ending). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const tasks = this.tasks;
    this.tasks = [];
    for (const task of tasks) task();
  }
}
