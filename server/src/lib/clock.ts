/** The source of "now" for every service shell; cores receive the time as an argument. */
export interface Clock {
  /** Epoch milliseconds */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  constructor(private ms: number = Date.parse('2026-03-02T09:15:04.120Z')) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
}

/** ISO-8601 UTC string of an epoch-ms instant, as written on the wire. */
export const iso = (ms: number): string => new Date(ms).toISOString();
