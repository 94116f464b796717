/**
 * The checks of the rate and budget race scenarios, from the streams alone (not from what the reserve
 * script recorded), so a script that let too much through fails them.
 */

/**
 * The token-bucket bound on one strategy's approvals: a bucket of `rate` tokens refilled at `rate` a
 * second admits at most `rate + rate × Δt` orders in any span Δt. Returns the largest excess over that
 * bound among every span between two approvals (≤ 0 when it held), for decision times in ms.
 */
export function rateExcess(timesMs: readonly number[], rate: number): number {
  const t = [...timesMs].sort((a, b) => a - b);
  let worst = -Infinity;
  for (let i = 0; i < t.length; i += 1) {
    for (let j = i; j < t.length; j += 1) {
      const allowed = rate + (rate * ((t[j] ?? 0) - (t[i] ?? 0))) / 1000;
      worst = Math.max(worst, j - i + 1 - allowed);
    }
  }
  return t.length === 0 ? 0 : worst;
}

/** The strategy's filled BTC notional and the bound the budget allows at the prices the run saw. */
export interface BudgetFinding {
  /** Σ filled quantity × fill price, USD */
  filledUsd: number;
  /** Filled quantity, BTC */
  quantity: number;
  /**
   * The budget in BTC at the lowest spot of the run: the script values the strategy at the spot of each
   * decision, never below that, so no correct run fills more
   */
  maxQuantity: number;
}

/** Fills of the budgeted strategy (buys only in the scenario) against `budgetUsd`, at the run's lowest spot. */
export function budgetFinding(
  fills: readonly { quantity: number; price: number }[],
  budgetUsd: number,
  lowestSpot: number,
): BudgetFinding {
  return {
    filledUsd: fills.reduce((sum, f) => sum + f.quantity * f.price, 0),
    quantity: fills.reduce((sum, f) => sum + f.quantity, 0),
    maxQuantity: budgetUsd / lowestSpot,
  };
}
