import { applyFillToPosition, type PositionFigures } from '@gamma/shared';

/** One strategy's position in one symbol. */
export type PaperPosition = PositionFigures;

/** A flat position. */
export const FLAT: PaperPosition = { quantity: 0, avgPrice: 0, realizedPnl: 0 };

/** Applies a fill with the account rules of SPEC §6.2 (shared with the risk service's book). */
export const applyFill = applyFillToPosition<PaperPosition>;
