/**
 * Runs a refresh one at a time without dropping a request: a call while one is in flight asks for exactly one
 * more run after it (of the latest task given), however many calls arrive. A refetch skipped while another was
 * in flight would leave the view on the state before the event that asked for it (a "start" refetch
 * swallowing the "open" right after).
 */
export class TrailingRefresh {
  private running: Promise<void> | null = null;
  private next: (() => Promise<void>) | null = null;

  run(task: () => Promise<void>): Promise<void> {
    this.next = task;
    if (!this.running) this.running = this.drain();
    return this.running;
  }

  private async drain() {
    while (this.next) {
      const task = this.next;
      this.next = null;
      await task().catch(() => undefined);
    }
    this.running = null;
  }
}
