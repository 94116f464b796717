import { TimeText } from '@/components/time-text';
import { actionLabel } from '@/lib/labels';
import { quantity } from '@/lib/quantity';
import type { FeedRow } from '../core/feed-rows';
import { StatusBadge } from './status-badge';

/** One intent of the feed; a click opens its explainability chain. */
export function IntentRow(props: { row: FeedRow; selected: boolean; onSelect: (intentId: string) => void }) {
  const { intent, status } = props.row;
  const hold = intent.action === 'hold';
  return (
    <li aria-label={`intent ${intent.intent_id}`} className={`feed-row ${hold ? 'hold' : ''}`}>
      <button
        type="button"
        className="feed-button"
        aria-expanded={props.selected}
        onClick={() => props.onSelect(intent.intent_id)}
      >
        <span className="time">
          <TimeText at={intent.timestamp} />
        </span>
        <span className="strategy">{intent.strategy_id}</span>
        <span className="action">{actionLabel(intent.action)}</span>
        <span className="qty">{hold ? '' : quantity(intent.quantity)}</span>
        <StatusBadge status={status} />
      </button>
    </li>
  );
}
