import { underlyingOf } from '@gamma/shared';
import { spreadVolPoints, volPoints } from '@/lib/format';
import { intentTypeLabel, reasonLabel } from '@/lib/labels';
import { usePqSpread } from '../api/use-pq-spread';
import { signalTag } from '../core/intent-status';
import { pqValues } from '../core/pq-values';

/** The fields of an intent its P/Q reasoning reads. */
export interface PqIntent {
  symbol: string;
  intent_type?: string;
  reason: string | null;
  confidence?: number;
  metadata?: Readonly<Record<string, unknown>>;
}

/**
 * Why a strategy proposed the intent: its volatility signal, type and reason, P (implied) against Q (forecast)
 * and their spread, from the intent's metadata, else from the underlying's pq-spread view.
 */
export function PqReasoning({ intent }: { intent: PqIntent }) {
  const pq = usePqSpread(underlyingOf(intent.symbol));
  const values = pqValues(intent.metadata, pq.data);
  const tag = signalTag(intent.intent_type);
  return (
    <div className="pq-reasoning" aria-label="P/Q reasoning">
      <span className={`signal-tag ${tag.replace(' ', '-')}`}>{tag}</span>
      <dl className="kv">
        <dt>Type</dt>
        <dd aria-label="intent type">{intentTypeLabel(intent.intent_type)}</dd>
        <dt>Reason</dt>
        <dd aria-label="reason">{reasonLabel(intent.reason)}</dd>
        {intent.confidence !== undefined && (
          <>
            <dt>Confidence</dt>
            <dd>{intent.confidence.toFixed(2)}</dd>
          </>
        )}
        <dt>P (implied)</dt>
        <dd>{volPoints(values.p)}</dd>
        <dt>Q (forecast)</dt>
        <dd>{volPoints(values.q)}</dd>
        <dt>Spread Q − P</dt>
        <dd aria-label="spread" className={values.spread === null ? '' : values.spread < 0 ? 'neg' : 'pos'}>
          {spreadVolPoints(values.spread)}
        </dd>
      </dl>
    </div>
  );
}
