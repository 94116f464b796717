import type { Redis } from 'ioredis';
import { readStream } from '../chaos/stream-reader.ts';

/** What the streams say after a run. */
export interface RaceFindings {
  decisions: number;
  approved: number;
  vetoed: number;
  executionRejected: number;
  /** Fills of the BTC spot buys, and the largest cumulative position they reached (in fill order) */
  btcFills: number;
  maxBtcHeld: number;
  /** Largest ETH vega an approval recorded (the value the reserve script checked), USD per vol point */
  maxEthVegaChecked: number;
  /** Option legs filled */
  optionFills: number;
  /** Approvals whose recorded vega_limit or max_position_size exceeded its limit (must be none) */
  recordedBreaches: string[];
  /** ms from the first intent entry to the last decision entry */
  spanMs: number;
}

/** Reads the decisions and fills of a run. */
export async function raceFindings(redis: Redis, prefix: string): Promise<RaceFindings> {
  const decisions = await readStream(redis, prefix, 'intent.decision');
  const fills = await readStream(redis, prefix, 'order.fill');
  const intents = await readStream(redis, prefix, 'strategy.intent');
  const intake = decisions.filter((d) => d.message.status !== 'execution_rejected');
  const approvedOnes = intake.filter((d) => d.message.status === 'approved');
  let held = 0;
  let maxBtcHeld = 0;
  const btc = fills.filter((f) => f.message.symbol === 'BTC/USDT');
  for (const f of btc) {
    held += f.message.side === 'buy' ? f.message.quantity : -f.message.quantity;
    maxBtcHeld = Math.max(maxBtcHeld, held);
  }
  const recordedBreaches: string[] = [];
  let maxEthVegaChecked = 0;
  for (const d of approvedOnes) {
    for (const c of d.message.checks) {
      if (c.check === 'vega_limit' && d.message.symbol.startsWith('ETH')) {
        maxEthVegaChecked = Math.max(maxEthVegaChecked, c.value ?? 0);
      }
      const bounded = c.check === 'vega_limit' || c.check === 'max_position_size';
      if (bounded && c.value !== null && c.limit !== null && c.value > c.limit * (1 + 1e-9))
        recordedBreaches.push(`${d.message.intent_id} ${c.check} ${c.value} > ${c.limit}`);
    }
  }
  const first = intents[0]?.ms ?? 0;
  return {
    decisions: intake.length,
    approved: approvedOnes.length,
    vetoed: intake.filter((d) => d.message.status === 'vetoed').length,
    executionRejected: decisions.length - intake.length,
    btcFills: btc.length,
    maxBtcHeld,
    maxEthVegaChecked,
    optionFills: fills.filter((f) => f.message.symbol.includes('-')).length,
    recordedBreaches,
    spanMs: (decisions.at(-1)?.ms ?? first) - first,
  };
}
