import type { Ref } from 'react';
import { TimeText } from '@/components/time-text';
import { useExplainIntent } from '../api/use-explain-intent';
import { describeNode } from '../core/describe-node';
import { HopList } from './hop-list';

/**
 * The explainability timeline of one intent: where its time went hop by hop, then intent → decisions → orders →
 * fills → positions. Focusable (`ref`), so the Desk's `e` key can take the reader there.
 */
export function ExplainPanel({
  intentId,
  onClose,
  ref,
}: {
  intentId: string;
  onClose: () => void;
  ref?: Ref<HTMLDivElement>;
}) {
  const chain = useExplainIntent(intentId);
  return (
    <div ref={ref} tabIndex={-1} role="region" aria-label={`explain ${intentId}`} className="explain">
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
            <span className="time">
              <TimeText at={node.timestamp} />
            </span>
            <span className="stream">{node.stream}</span>
            <span className="what">{describeNode(node.stream, node.message)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
