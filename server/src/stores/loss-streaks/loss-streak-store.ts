/** A strategy's run of losing closed trades and its cooldown. */
export interface LossStreakRecord {
  /** Losing closed trades in a row since the last win or the last cooldown */
  losses: number;
  /** Until when the strategy cools down, epoch ms; null when it never did */
  cooldownUntilMs: number | null;
}

/** A trade of a strategy closed by one `position.update` (its position went flat or through zero). */
export interface ClosedTrade {
  /** The `position.update` entry: each is applied once, in entry order, whichever process comes first */
  entryId: string;
  strategyId: string;
  symbol: string;
  /** The position's cumulative realized PnL after the close (`metadata.realized_pnl`), USD */
  realizedPnl: number;
  /** When it closed (the update's timestamp), epoch ms */
  atMs: number;
}

/** `RISK_LOSS_STREAK` and `RISK_LOSS_STREAK_COOLDOWN_S` in ms. */
export interface LossStreakRule {
  streak: number;
  cooldownMs: number;
}

/**
 * Each strategy's loss streak (`loss_streak`), shared by every engine process and kept across restarts.
 * A trade's PnL is the realized PnL its position gained since its previous close; a loss lengthens the
 * streak, anything else ends it; `streak` losses in a row start a cooldown of `cooldownMs` from the close
 * and the count starts again from 0.
 */
export interface LossStreakStore {
  /** Applies a closed trade unless its entry (or a later one) was applied; returns the strategy's record after it */
  record(trade: ClosedTrade, rule: LossStreakRule): Promise<LossStreakRecord>;
  /** Every strategy's record */
  loadAll(): Promise<Record<string, LossStreakRecord>>;
}

/** `ms-seq` entry ids in order. */
export function entryIdAfter(a: string, b: string): boolean {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am !== bm ? am > bm : as > bs;
}

/** A trade PnL below this counts as a loss (float noise of a break-even trade does not). */
export const LOSS_EPSILON_USD = 1e-9;
