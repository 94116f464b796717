/** Latencies are counted per millisecond up to this many; longer ones land in the last bucket. */
const MAX_MS = 120_000;

/** When Redis appended an entry (the millisecond part of its id). */
export const entryMs = (id: string): number => Number(id.slice(0, id.indexOf('-')));

/** Orders two entry ids: negative when `a` is older. */
function compareIds(a: string, b: string): number {
  const cutA = a.indexOf('-');
  const cutB = b.indexOf('-');
  const ms = Number(a.slice(0, cutA)) - Number(b.slice(0, cutB));
  return ms !== 0 ? ms : Number(a.slice(cutA + 1)) - Number(b.slice(cutB + 1));
}

/** One subscriber's deliveries: how many, and how many did not come strictly after the one before. */
export class SubscriberTally {
  received = 0;
  /** Deliveries whose id was not newer than the previous one: repeats (or reordering) */
  repeats = 0;
  lastId: string | null = null;

  constructor(readonly stream: 'intent' | 'decision') {}

  /** Counts one delivery of entry `id`. */
  add(id: string): void {
    this.received += 1;
    if (this.lastId !== null && compareIds(id, this.lastId) <= 0) this.repeats += 1;
    else this.lastId = id;
  }
}

/** Delivery latencies of one phase (receipt time minus the entry's Redis time), in 1 ms buckets. */
export class LatencyTally {
  private readonly buckets = new Uint32Array(MAX_MS + 1);
  count = 0;
  /** Entries appended before this instant (the warm-up) are not counted, epoch ms */
  fromMs = 0;

  /** Counts a delivery of entry `id` received now. */
  add(id: string, nowMs: number): void {
    const at = entryMs(id);
    if (at < this.fromMs) return;
    const ms = Math.min(MAX_MS, Math.max(0, Math.round(nowMs - at)));
    this.buckets[ms] = (this.buckets[ms] ?? 0) + 1;
    this.count += 1;
  }

  /** The `q` quantile (0..1), ms; null when nothing was counted. */
  quantile(q: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (let ms = 0; ms <= MAX_MS; ms += 1) {
      seen += this.buckets[ms] ?? 0;
      if (seen >= rank) return ms;
    }
    return MAX_MS;
  }
}
