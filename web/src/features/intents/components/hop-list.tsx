import type { Hop } from '@gamma/shared';
import { latencyText, layoutHops } from '../core/hop-rows';

/** Where an intent's time went: one bar per hop, placed from when its cause happened, the slowest marked. */
export function HopList({ hops, intentId }: { hops: readonly Hop[]; intentId: string }) {
  if (hops.length === 0) return null;
  const { rows, totalMs } = layoutHops(hops, intentId);
  return (
    <div className="hops">
      <div className="hops-head">
        <span>Hops</span>
        <span aria-label="total latency">{latencyText(totalMs)} in all</span>
      </div>
      <ol aria-label="hops">
        {rows.map((row) => (
          <li
            key={row.key}
            aria-label={`hop ${row.from} to ${row.to}`}
            className={row.slowest ? 'hop slowest' : 'hop'}
          >
            <span className="hop-name">
              {row.from} → <strong>{row.to}</strong>
            </span>
            <span className="hop-bar" aria-hidden="true">
              <span style={{ left: `${row.start * 100}%`, width: `max(2px, ${row.width * 100}%)` }} />
            </span>
            <span className="hop-ms" aria-label="latency">
              {row.latency}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
