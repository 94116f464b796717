import { Card } from '@/components/ui/card';
import { TimeText } from '@/components/time-text';
import { useRecentIntents } from '../api/use-recent-intents';
import { feedRows } from '../core/feed-rows';
import { useIntentsStore } from '../stores/intents-store';
import { PqReasoning } from './pq-reasoning';
import { StatusBadge } from './status-badge';

/** The newest intent of any strategy: its status, its P/Q reasoning, who proposed it and when. */
export function LatestIntentCard() {
  const recent = useRecentIntents();
  const live = useIntentsStore((s) => s.live);
  const statuses = useIntentsStore((s) => s.statuses);
  const latest = feedRows(recent.data, { intents: live, statuses }, 1)[0];
  if (!latest) {
    return (
      <Card label="Latest intent">
        <p className="muted">waiting for the first intent</p>
      </Card>
    );
  }
  const { intent, status } = latest;
  return (
    <Card label="Latest intent" className="latest-card">
      <div className="latest-head">
        <span>
          {intent.strategy_id} · {intent.symbol} · <TimeText at={intent.timestamp} withZone />
        </span>
        <StatusBadge status={status} />
      </div>
      <PqReasoning intent={intent} />
    </Card>
  );
}
