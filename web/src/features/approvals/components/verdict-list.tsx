import type { RiskCheckVerdict } from '@gamma/shared';
import { fixed } from '@/lib/format';
import { checkLabel, reasonCodeLabel } from '@/lib/labels';

/** The risk verdicts of a pending intent: check, value vs limit, pass or fail. */
export function VerdictList({ checks }: { checks: readonly RiskCheckVerdict[] }) {
  if (checks.length === 0) return <p className="muted">no risk checks recorded</p>;
  return (
    <ul className="verdicts" aria-label="risk checks">
      {checks.map((c) => (
        <li key={c.check} className={c.passed ? 'pass' : 'fail'}>
          <span className="verdict-check">{checkLabel(c.check)}</span>
          <span className="verdict-value">
            {fixed(c.value, 4)} vs {fixed(c.limit, 4)}
          </span>
          <span className="verdict-result">
            {c.passed ? 'pass' : `fail ${reasonCodeLabel(c.reason_code)}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
