import { useState } from 'react';
import { Card } from '@/components/ui/card';
import { FEED_LIMIT, useRecentIntents } from '../api/use-recent-intents';
import { feedRows } from '../core/feed-rows';
import { useIntentsStore } from '../stores/intents-store';
import { ExplainPanel } from './explain-panel';
import { IntentRow } from './intent-row';

/** Live intents, newest first, with their status; a click shows the explainability chain. */
export function IntentFeedCard() {
  const recent = useRecentIntents();
  const live = useIntentsStore((s) => s.live);
  const statuses = useIntentsStore((s) => s.statuses);
  const [selected, setSelected] = useState<string | null>(null);
  const rows = feedRows(recent.data, { intents: live, statuses }, FEED_LIMIT);
  return (
    <Card label="Intent feed" className="feed-card">
      {selected !== null && <ExplainPanel intentId={selected} onClose={() => setSelected(null)} />}
      {rows.length === 0 && <p className="muted">{recent.isPending ? 'loading…' : 'no intents yet'}</p>}
      <ul className="feed">
        {rows.map((row) => (
          <IntentRow
            key={row.intent.intent_id}
            row={row}
            selected={selected === row.intent.intent_id}
            onSelect={(id) => setSelected((current) => (current === id ? null : id))}
          />
        ))}
      </ul>
    </Card>
  );
}
