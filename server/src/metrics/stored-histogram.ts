import { Histogram, type Registry } from 'prom-client';
import { BUCKET_LABELS, HANDLER_BUCKETS_S, type GroupTotals } from '../bus/bus-totals.ts';

type Exported = Awaited<ReturnType<Histogram<'stream' | 'group'>['get']>>;

/**
 * The bus's handler-duration histogram per stream and group, whose buckets are kept in Redis by every consumer
 * of every process (`<prefix>:bus_totals`, bus-totals.ts) rather than observed here: {@link setRows} sets them
 * before a scrape. prom-client has no way to set a histogram's buckets, so this one exports its own values
 * (cumulative buckets, `_sum`, `_count`, as prom-client's do) and the registry formats them.
 */
export class StoredHistogram extends Histogram<'stream' | 'group'> {
  private rows: readonly GroupTotals[] = [];

  constructor(
    private readonly described: { name: string; help: string },
    registry: Registry,
  ) {
    super({
      ...described,
      labelNames: ['stream', 'group'],
      buckets: [...HANDLER_BUCKETS_S],
      registers: [registry],
    });
  }

  /** The totals to export at the next scrape. */
  setRows(rows: readonly GroupTotals[]): void {
    this.rows = rows;
  }

  override get(): Promise<Exported> {
    const { name, help } = this.described;
    const values = this.rows.flatMap((row) => {
      const labels = { stream: row.stream, group: row.group };
      let cumulative = 0;
      const buckets = BUCKET_LABELS.map((le, index) => {
        cumulative += row.buckets[index] ?? 0;
        return { labels: { ...labels, le }, value: cumulative, metricName: `${name}_bucket` };
      });
      return [
        ...buckets,
        { labels, value: row.durationS, metricName: `${name}_sum` },
        { labels, value: cumulative, metricName: `${name}_count` },
      ];
    });
    // The registry reads `type` as the text it prints ('histogram'), whatever the declared enum says
    return Promise.resolve({
      name,
      help,
      type: 'histogram',
      aggregator: 'sum',
      values,
    } as unknown as Exported);
  }

  /** What the registry's text format asks for when it exists (prom-client's own reads its internal map). */
  getForPromString(): Promise<Exported> {
    return this.get();
  }
}
