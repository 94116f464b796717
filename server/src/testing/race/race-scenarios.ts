import type { Redis } from 'ioredis';
import { readStream } from '../chaos/stream-reader.ts';
import { budgetFinding, rateExcess } from './race-capacity.ts';
import type { RaceOptions } from './race-options.ts';

/** The rate or budget scenario's criteria, from the decisions, fills and ticks of the run. */
export async function capacityCriteria(
  run: { redis: Redis; prefix: string; say: (line: string) => void },
  o: RaceOptions,
): Promise<[string, boolean][]> {
  const { redis, prefix, say } = run;
  if (o.scenario === 'rate') {
    const decisions = await readStream(redis, prefix, 'intent.decision');
    const times = decisions
      .filter((d) => d.message.status === 'approved' && d.message.strategy_id === 'race_0')
      .map((d) => Date.parse(d.message.timestamp));
    const excess = rateExcess(times, o.rate);
    say(
      `rate: ${times.length} approvals of race_0 at ${o.rate}/s; largest excess over the bucket bound ${excess.toFixed(3)}`,
    );
    return [
      [
        `approvals within the token-bucket bound of ${o.rate}/s (excess ${excess.toFixed(3)} ≤ 0)`,
        excess <= 1e-9,
      ],
    ];
  }
  if (o.scenario !== 'budget') return [];
  const fills = (await readStream(redis, prefix, 'order.fill')).filter(
    (f) => f.message.strategy_id === 'race_0',
  );
  const ticks = (await readStream(redis, prefix, 'market.tick')).filter(
    (t) => t.message.symbol === 'BTC/USDT',
  );
  const lowest = Math.min(...ticks.map((t) => Math.min(t.message.price, t.message.bid ?? t.message.price)));
  const b = budgetFinding(
    fills.map((f) => f.message),
    o.budgetUsd,
    lowest,
  );
  say(
    `budget: race_0 filled ${b.quantity.toFixed(4)} BTC (${b.filledUsd.toFixed(0)} USD at fill prices); budget ${o.budgetUsd} USD is ${b.maxQuantity.toFixed(4)} BTC at the run's lowest spot ${lowest.toFixed(2)}`,
  );
  return [
    [
      `race_0 filled ≤ its budget at the lowest spot (${b.quantity.toFixed(4)} ≤ ${b.maxQuantity.toFixed(4)})`,
      b.quantity <= b.maxQuantity * (1 + 1e-9),
    ],
  ];
}
