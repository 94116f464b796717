import type { RiskCheckVerdict } from '@gamma/shared';
import { checkLabel, reasonCodeLabel } from '@/lib/labels';
import { byCloseness, figureText, usageOf } from '../core/blotter';

const usedText = (c: RiskCheckVerdict): string => {
  const usage = usageOf(c);
  return usage === null ? '—' : `${Math.round(usage * 100)}%`;
};

/**
 * The risk verdicts of a pending intent, nearest trouble first: check, value vs limit, the share of the limit
 * used, pass or fail.
 */
export function VerdictList({ checks }: { checks: readonly RiskCheckVerdict[] }) {
  if (checks.length === 0) return <p className="muted">no risk checks recorded</p>;
  return (
    <table className="verdicts" aria-label="risk checks">
      <thead>
        <tr>
          <th scope="col">Check</th>
          <th scope="col">Value</th>
          <th scope="col">Limit</th>
          <th scope="col">Used</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {byCloseness(checks).map((c) => (
          <tr key={c.check} className={c.passed ? 'pass' : 'fail'}>
            <td className="verdict-check">{checkLabel(c.check)}</td>
            <td className="num">{figureText(c.value)}</td>
            <td className="num">{figureText(c.limit)}</td>
            <td className="num">{usedText(c)}</td>
            <td className="verdict-result">{c.passed ? 'pass' : `fail ${reasonCodeLabel(c.reason_code)}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
