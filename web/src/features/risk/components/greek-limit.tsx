import { percent } from '@/lib/format';
import { greekUsage, type LimitedGreek } from '../core/greek-limits';

/** Greek letters for the labels (a label must not contain the value's own label, `delta`, …). */
const SYMBOL = { delta: 'Δ', gamma: 'Γ', vega: 'ν', theta: 'θ' } as const;

/** One Greek's limit under its value: a bar filled to its share of the limit, and the limit in words. */
export function GreekLimit({
  greek,
  value,
  limit,
}: {
  greek: LimitedGreek;
  value: number;
  limit: number | null;
}) {
  const usage = greekUsage(greek, value, limit);
  if (usage === null || limit === null) return null;
  // A limit is a setting: show it as written (2, 0.0004, 5000), not padded to the value's decimals
  const written = String(Number(limit.toPrecision(6)));
  const bound = greek === 'theta' ? `−${written}` : `±${written}`;
  return (
    <dd
      aria-label={`${SYMBOL[greek]} limit`}
      className={`greek-limit greek-limit-${usage.level}`}
      title={`${percent(usage.share, 0)} of the ${greek} limit (${bound})`}
    >
      <span className="greek-limit-bar">
        <span style={{ width: `${Math.min(1, usage.share) * 100}%` }} />
      </span>
      <span className="greek-limit-text">
        {percent(usage.share, 0)} of {bound}
      </span>
    </dd>
  );
}
