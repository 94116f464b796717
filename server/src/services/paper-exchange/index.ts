import type { ServiceFactory } from '../service.ts';
import { PaperExchange } from './paper-exchange.ts';

export { PaperExchange, PAPER_EXCHANGE_GROUP, type PaperExchangeOptions } from './paper-exchange.ts';

/** Creates the paper exchange (SPEC §8.1) on `deps.stores.ledger` (order ids, outcomes, positions). */
export const createPaperExchange: ServiceFactory = (deps) => new PaperExchange(deps);
