import { underlyingOf } from '@gamma/shared';
import { Card } from '@/components/ui/card';
import { TimeText } from '@/components/time-text';
import { spreadVolPoints, volPoints } from '@/lib/format';
import { intentTypeLabel, reasonLabel } from '@/lib/labels';
import { usePqSpread } from '../api/use-pq-spread';
import { useRecentIntents } from '../api/use-recent-intents';
import { feedRows } from '../core/feed-rows';
import { signalTag } from '../core/intent-status';
import { pqValues } from '../core/pq-values';
import { useIntentsStore } from '../stores/intents-store';
import { StatusBadge } from './status-badge';

/** The newest intent of any strategy: type, reason, P, Q, spread, status and the volatility signal. */
export function LatestIntentCard() {
  const recent = useRecentIntents();
  const live = useIntentsStore((s) => s.live);
  const statuses = useIntentsStore((s) => s.statuses);
  const latest = feedRows(recent.data, { intents: live, statuses }, 1)[0];
  const pq = usePqSpread(latest ? underlyingOf(latest.intent.symbol) : null);
  if (!latest) {
    return (
      <Card label="Latest intent">
        <p className="muted">waiting for the first intent</p>
      </Card>
    );
  }
  const { intent, status } = latest;
  const values = pqValues(intent.metadata, pq.data);
  const tag = signalTag(intent.intent_type);
  return (
    <Card label="Latest intent">
      <div className="latest-head">
        <span className={`signal-tag ${tag.replace(' ', '-')}`}>{tag}</span>
        <StatusBadge status={status} />
      </div>
      <dl className="kv">
        <dt>Type</dt>
        <dd aria-label="intent type">{intentTypeLabel(intent.intent_type)}</dd>
        <dt>Reason</dt>
        <dd aria-label="reason">{reasonLabel(intent.reason)}</dd>
        <dt>P (implied)</dt>
        <dd>{volPoints(values.p)}</dd>
        <dt>Q (forecast)</dt>
        <dd>{volPoints(values.q)}</dd>
        <dt>Spread Q − P</dt>
        <dd aria-label="spread" className={values.spread === null ? '' : values.spread < 0 ? 'neg' : 'pos'}>
          {spreadVolPoints(values.spread)}
        </dd>
        <dt>Strategy</dt>
        <dd>
          {intent.strategy_id} · {intent.symbol}
        </dd>
        <dt>Time</dt>
        <dd>
          <TimeText at={intent.timestamp} withZone />
        </dd>
      </dl>
    </Card>
  );
}
