import { Card } from '@/components/ui/card';
import { actionLabel } from '@/lib/labels';
import { matchesFilter } from '@/lib/text-filter';
import { FEED_LIMIT, useRecentIntents } from '../api/use-recent-intents';
import { type FeedRow, feedRows } from '../core/feed-rows';
import { useIntentsStore } from '../stores/intents-store';
import { IntentRow } from './intent-row';

export interface IntentFeedCardProps {
  /** Only intents matching this filter (see matchesFilter) */
  filter: string;
  /** The intent whose explain the Desk shows, if any */
  selectedId: string | null;
  /** A click on a row: its id, or null when it was the selected one (closes its explain) */
  onSelect: (intentId: string | null) => void;
}

const textsOf = ({ intent, status }: FeedRow): string[] => [
  intent.intent_id,
  intent.strategy_id,
  intent.action,
  actionLabel(intent.action),
  intent.symbol,
  status,
];

/** Live intents, newest first, with their status; a click opens (or closes) the explainability chain. */
export function IntentFeedCard({ filter, selectedId, onSelect }: IntentFeedCardProps) {
  const recent = useRecentIntents();
  const live = useIntentsStore((s) => s.live);
  const statuses = useIntentsStore((s) => s.statuses);
  const all = feedRows(recent.data, { intents: live, statuses }, FEED_LIMIT);
  const rows = all.filter((row) => matchesFilter(textsOf(row), filter));
  return (
    <Card label="Intent feed" className="feed-card">
      {rows.length === 0 && (
        <p className="muted">
          {recent.isPending ? 'loading…' : all.length > 0 ? 'no intent matches the filter' : 'no intents yet'}
        </p>
      )}
      <ul className="feed">
        {rows.map((row) => (
          <IntentRow
            key={row.intent.intent_id}
            row={row}
            selected={selectedId === row.intent.intent_id}
            onSelect={(id) => onSelect(selectedId === id ? null : id)}
          />
        ))}
      </ul>
    </Card>
  );
}
