import { clockTime } from '@/lib/format';
import { useExplainIntent } from '../api/use-explain-intent';
import { describeNode } from '../core/describe-node';
import { HopList } from './hop-list';

/** The explainability timeline of one intent: where its time went hop by hop, then intent → decisions → orders → fills → positions. */
export function ExplainPanel({ intentId, onClose }: { intentId: string; onClose: () => void }) {
  const chain = useExplainIntent(intentId);
  return (
    <div role="region" aria-label={`explain ${intentId}`} className="explain">
      <div className="explain-head">
        <strong>Chain of {intentId}</strong>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {chain.isPending && <p className="muted">loading…</p>}
      {chain.isError && <p className="error">could not load the chain: {chain.error.message}</p>}
      {chain.data && chain.data.nodes.length === 0 && <p className="muted">nothing recorded yet</p>}
      {chain.data && <HopList hops={chain.data.hops} intentId={intentId} />}
      <ol className="timeline">
        {(chain.data?.nodes ?? []).map((node) => (
          <li key={`${node.stream}:${node.entry_id}`}>
            <span className="time">{clockTime(node.timestamp)}</span>
            <span className="stream">{node.stream}</span>
            <span className="what">{describeNode(node.stream, node.message)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
