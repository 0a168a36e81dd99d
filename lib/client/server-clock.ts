/**
 * The server's clock as seen from this device. Countdowns follow the server deadline, not the phone's
 * clock: each event and snapshot carries `server_now`, and the offset is the smallest observed
 * (local receive time − server time), which is closest to the true offset plus the fastest one-way delay.
 */
export class ServerClock {
  private offsetMs: number | null = null;

  observe(serverNowIso: string, receivedAtMs = Date.now()): void {
    const sample = receivedAtMs - Date.parse(serverNowIso);
    if (!Number.isFinite(sample)) return;
    this.offsetMs = this.offsetMs === null ? sample : Math.min(this.offsetMs, sample);
  }

  /** Server time now, in ms since the epoch. */
  now(localMs = Date.now()): number {
    return localMs - (this.offsetMs ?? 0);
  }

  /** Milliseconds left until a server timestamp, never negative. */
  remainingUntil(serverIso: string, localMs = Date.now()): number {
    return Math.max(0, Date.parse(serverIso) - this.now(localMs));
  }
}
