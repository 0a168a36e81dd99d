/** Counts events in one-second buckets; `perSecond()` is the mean over the last completed seconds. */
export class RateMeter {
  private readonly buckets: number[];
  private current = 0;
  private second = Math.floor(Date.now() / 1000);
  total = 0;

  constructor(private readonly window = 10) {
    this.buckets = new Array<number>(window).fill(0);
  }

  add(n: number): void {
    this.roll();
    this.current += n;
    this.total += n;
  }

  perSecond(): number {
    this.roll();
    const sum = this.buckets.reduce((a, b) => a + b, 0);
    return Math.round((sum / this.window) * 10) / 10;
  }

  private roll(): void {
    const now = Math.floor(Date.now() / 1000);
    if (now === this.second) return;
    const steps = Math.min(now - this.second, this.window);
    for (let i = 0; i < steps; i++) {
      this.buckets.shift();
      this.buckets.push(i === 0 ? this.current : 0);
    }
    this.current = 0;
    this.second = now;
  }
}
