/** A day's range: its highest and lowest price. */
export interface DayRange {
  high: number;
  low: number;
}

/**
 * Daily UTC ranges by day (epoch ms of 00:00 UTC), the newest `keep` days kept. Ticks and a venue's or
 * the simulator's daily bars merge the same way (the highest high, the lowest low), so taking the same
 * bars twice changes nothing.
 */
export class DailyBars {
  private readonly days = new Map<number, DayRange>();

  constructor(private readonly keep: number) {}

  /** Widens the day's range to take in [low, high]. */
  merge(day: number, high: number, low: number): void {
    const range = this.days.get(day);
    if (range) {
      range.high = Math.max(range.high, high);
      range.low = Math.min(range.low, low);
    } else this.days.set(day, { high, low });
    this.trim();
  }

  /** The ranges of the last `count` days before `today`, oldest first, or null with fewer such days. */
  completedBefore(today: number, count: number): DayRange[] | null {
    const completed = [...this.days.entries()]
      .filter(([day]) => day < today)
      .sort(([a], [b]) => a - b)
      .slice(-count)
      .map(([, range]) => range);
    return completed.length < count ? null : completed;
  }

  /** Days held (the running day included). */
  get size(): number {
    return this.days.size;
  }

  /** `[day, high, low]` rows, for a snapshot. */
  save(): [number, number, number][] {
    return [...this.days].map(([day, r]) => [day, r.high, r.low]);
  }

  /** Replaces the days with saved rows. */
  load(rows: readonly (readonly [number, number, number])[]): void {
    this.days.clear();
    for (const [day, high, low] of rows) this.days.set(day, { high, low });
    this.trim();
  }

  private trim(): void {
    const days = [...this.days.keys()].sort((a, b) => a - b);
    for (const old of days.slice(0, Math.max(0, days.length - this.keep))) this.days.delete(old);
  }
}
