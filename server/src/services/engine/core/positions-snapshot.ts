import type { PositionUpdateEvent } from '@gamma/shared';
import { z } from 'zod';
import { applyPositionUpdate, type PortfolioState } from './portfolio-state.ts';

/** The part of the account only `position.update` builds: what an engine snapshot keeps. */
export type HeldPositions = Pick<PortfolioState, 'strategyPositions' | 'accountPositions' | 'avgPrices'>;

const amounts = z.record(z.string(), z.number().finite());

/** The state of an engine snapshot, version {@link POSITIONS_SNAPSHOT_VERSION}. */
export const HeldPositionsSchema = z.object({
  strategyPositions: amounts,
  accountPositions: amounts,
  avgPrices: amounts,
});
/** Bumped whenever {@link HeldPositionsSchema} changes meaning, so an old snapshot is rejected. */
export const POSITIONS_SNAPSHOT_VERSION = 1;

/** The positions of an account, for a snapshot. */
export const heldPositionsOf = (state: PortfolioState): HeldPositions => ({
  strategyPositions: { ...state.strategyPositions },
  accountPositions: { ...state.accountPositions },
  avgPrices: { ...state.avgPrices },
});

/** The account with its positions replaced by a snapshot's (equity, cash and peak kept). */
export const withHeldPositions = (state: PortfolioState, held: HeldPositions): PortfolioState => ({
  ...state,
  ...heldPositionsOf({ ...state, ...held }),
});

/** Folds position updates, oldest first, into an account: a rebuild is this fold over the whole stream. */
export const foldPositionUpdates = (
  state: PortfolioState,
  updates: Iterable<PositionUpdateEvent>,
): PortfolioState => {
  let next = state;
  for (const update of updates) next = applyPositionUpdate(next, update);
  return next;
};
