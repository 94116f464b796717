import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { DECISION_BUCKETS_S } from './decision-latency.ts';
import { StoredHistogram } from './stored-histogram.ts';

type PairLabels = 'stream' | 'group';

/** The bus's desk-wide counters and handler durations (from `<prefix>:bus_totals`). */
function busMetrics(registry: Registry) {
  const registers = [registry];
  const pair = { labelNames: ['stream', 'group'] as PairLabels[], registers };
  return {
    handled: new Counter({
      name: 'gamma_bus_handled_total',
      help: 'Entries a consumer group handled and acked, all processes',
      ...pair,
    }),
    failed: new Counter({
      name: 'gamma_bus_failed_total',
      help: 'Entries whose handler threw (left pending for redelivery) or that were dead-lettered, all processes',
      ...pair,
    }),
    deadLettered: new Counter({
      name: 'gamma_bus_dead_lettered_total',
      help: 'Entries a consumer group sent to the dead-letter stream (undecodable, or failing every delivery)',
      ...pair,
    }),
    handlerSeconds: new StoredHistogram(
      { name: 'gamma_bus_handler_duration_seconds', help: 'How long a handler ran per entry, all processes' },
      registry,
    ),
  };
}

/** Streams, groups, decisions, approvals and sockets. */
function deskGauges(registry: Registry, webSocketClients: () => number) {
  const registers = [registry];
  const pair = { labelNames: ['stream', 'group'] as PairLabels[], registers };
  return {
    lag: new Gauge({
      name: 'gamma_consumer_lag',
      help: 'Entries of the stream not yet delivered to the group (XINFO GROUPS lag)',
      ...pair,
    }),
    pending: new Gauge({
      name: 'gamma_consumer_pending',
      help: 'Entries delivered to the group and not yet acked (XINFO GROUPS pending)',
      ...pair,
    }),
    length: new Gauge({
      name: 'gamma_stream_length',
      help: 'Entries in the stream (XLEN)',
      labelNames: ['stream'],
      registers,
    }),
    decisionSeconds: new Histogram({
      name: 'gamma_engine_decision_seconds',
      help: "From an intent's entry on strategy.intent to its first decision on intent.decision (Redis entry times)",
      buckets: DECISION_BUCKETS_S,
      registers,
    }),
    approvals: new Gauge({
      name: 'gamma_approvals_pending',
      help: 'Intents waiting for a trader (pending or awaiting a second approval)',
      registers,
    }),
    oldestApproval: new Gauge({
      name: 'gamma_approvals_oldest_age_seconds',
      help: 'Age of the oldest pending approval, 0 when none',
      registers,
    }),
    webSocketClients: new Gauge({
      name: 'gamma_websocket_clients',
      help: 'WebSockets open on this gateway',
      registers,
      collect() {
        this.set(webSocketClients());
      },
    }),
  };
}

/** Every metric of `/metrics` but prom-client's default process metrics, registered on one registry. */
export const defineMetrics = (registry: Registry, webSocketClients: () => number) => ({
  ...busMetrics(registry),
  ...deskGauges(registry, webSocketClients),
});

/** The metrics {@link defineMetrics} registers. */
export type DeskMetricSet = ReturnType<typeof defineMetrics>;
