import { STREAM_NAMES } from '@gamma/shared';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Bus } from '../bus/bus.ts';
import type { GroupTotals } from '../bus/bus-totals.ts';
import type { StreamStats } from '../bus/redis-stream-info.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Stores } from '../stores/stores.ts';
import { DecisionLatency } from './decision-latency.ts';
import { defineMetrics, type DeskMetricSet } from './metric-definitions.ts';

/** What the metrics are read from. */
export interface MetricsSources {
  bus: Bus;
  stores: Stores;
  clock: Clock;
  log: Logger;
  /** How many WebSockets this gateway has open now */
  webSocketClients: () => number;
}

/**
 * The gateway's `/metrics` (Prometheus text format, prom-client). Desk-wide figures come from Redis at each
 * scrape: the bus's totals that every consumer of every process adds to with the Ops page's per-minute counts
 * (bus-counts.ts), the consumer groups' lag and pending entries, the pending approvals. The engine's decision
 * latency is measured from the streams; WebSocket clients and the `gamma_gateway_` process figures are this
 * gateway's own.
 */
export class DeskMetrics {
  readonly registry = new Registry();
  private readonly decisions: DecisionLatency;
  private readonly m: DeskMetricSet;

  constructor(private readonly sources: MetricsSources) {
    this.m = defineMetrics(this.registry, sources.webSocketClients);
    collectDefaultMetrics({ register: this.registry, prefix: 'gamma_gateway_' });
    const histogram = this.m.decisionSeconds;
    this.decisions = new DecisionLatency({ bus: sources.bus, log: sources.log, histogram });
  }

  /** Starts measuring decision latency (from now on). */
  start(): void {
    this.decisions.start();
  }

  async close(): Promise<void> {
    await this.decisions.close();
  }

  /** The content type of {@link render}'s text. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Reads the desk-wide figures from Redis, then renders every metric. */
  async render(): Promise<string> {
    const { stores, clock } = this.sources;
    const [totals, stats, pending] = await Promise.all([
      stores.busTotals(),
      Promise.all(STREAM_NAMES.map(async (stream) => ({ stream, stats: await stores.streamStats(stream) }))),
      stores.approvals.listPending(),
    ]);
    this.setTotals(totals);
    this.setStreams(stats);
    const created = pending.map((record) => Date.parse(record.created_at)).filter(Number.isFinite);
    this.m.approvals.set(pending.length);
    this.m.oldestApproval.set(
      created.length === 0 ? 0 : Math.max(0, clock.now() - Math.min(...created)) / 1000,
    );
    return this.registry.metrics();
  }

  private setTotals(totals: readonly GroupTotals[]): void {
    for (const counter of [this.m.handled, this.m.failed, this.m.deadLettered]) counter.reset();
    for (const row of totals) {
      const labels = { stream: row.stream, group: row.group };
      this.m.handled.inc(labels, row.handled);
      this.m.failed.inc(labels, row.failed);
      this.m.deadLettered.inc(labels, row.dead_lettered);
    }
    this.m.handlerSeconds.setRows(totals);
  }

  private setStreams(streams: readonly { stream: string; stats: StreamStats }[]): void {
    for (const gauge of [this.m.lag, this.m.pending, this.m.length]) gauge.reset();
    for (const { stream, stats } of streams) {
      if (!stats.exists) continue;
      this.m.length.set({ stream }, stats.length);
      for (const group of stats.groups) {
        const labels = { stream, group: group.name };
        this.m.pending.set(labels, group.pending);
        // Redis cannot always tell the lag (entries deleted past the group's position): no sample then
        if (group.lag !== null) this.m.lag.set(labels, group.lag);
      }
    }
  }
}
