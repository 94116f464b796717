import type { Bus } from '../bus/bus.ts';
import type { AppConfig } from '../config/app-config.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Stores } from '../stores/stores.ts';

/** Everything a service shell receives; services never import one another. */
export interface ServiceDeps {
  bus: Bus;
  clock: Clock;
  /** The validated configuration; each service reads its own section (e.g. `config.engine`) */
  config: AppConfig;
  log: Logger;
  /** Every record that is not a stream: approvals, reservations, once marks, the paper ledger, peaks */
  stores: Stores;
}

/** A running part of the system, hosted by `main.ts` (all in one process by default). */
export interface Service {
  readonly name: string;
  /** Subscribes and starts timers */
  start(): Promise<void>;
  /** Stops reading and timers; in-flight handlers finish and ack */
  close(): Promise<void>;
}

/** What each service folder's `index.ts` exports. */
export type ServiceFactory = (deps: ServiceDeps) => Service;
