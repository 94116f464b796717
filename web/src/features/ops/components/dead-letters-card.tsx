import { TimeText } from '@/components/time-text';
import { Card } from '@/components/ui/card';
import { useCan } from '@/lib/permissions';
import { type DeadLetter, useDeadLetters } from '../api/use-ops-queries';
import { DeadLetterActions } from './dead-letter-actions';

/** How much of a payload shows before it is expanded. */
const PREVIEW_CHARS = 40;

function Payload({ text }: { text: string }) {
  if (text === '') return <span className="muted">(no data field)</span>;
  if (text.length <= PREVIEW_CHARS) return <code className="ops-mono">{text}</code>;
  return (
    <details className="ops-payload">
      <summary className="ops-mono">{`${text.slice(0, PREVIEW_CHARS)}…`}</summary>
      <pre>{text}</pre>
    </details>
  );
}

function Handling({ letter }: { letter: DeadLetter }) {
  const h = letter.handling;
  if (h === null) return null;
  return (
    <span className="ops-handled">
      {h.action} by {h.by} at <TimeText at={h.at} />
      {h.requeued_entry_id !== null && <> as entry {h.requeued_entry_id}</>}
    </span>
  );
}

/** The newest dead letters: reason, source stream, entry id and payload; Requeue and Discard for admins. */
export function DeadLettersCard() {
  const letters = useDeadLetters();
  const mayHandle = useCan('handleDeadLetters');
  const rows = letters.data?.letters ?? [];
  return (
    <Card label="Dead letters" className="ops-card">
      {rows.length === 0 && <p className="muted">{letters.isPending ? 'loading…' : 'no dead letters'}</p>}
      {rows.length > 0 && (
        <div className="table-wrap ops-scroll" tabIndex={0} role="region" aria-label="Dead letter list">
          <table className="ops-table ops-letters">
            <thead>
              <tr>
                <th scope="col">At</th>
                <th scope="col">Reason</th>
                <th scope="col">Source stream</th>
                <th scope="col">Entry id</th>
                <th scope="col">Group</th>
                <th scope="col">Error</th>
                <th scope="col">Payload</th>
                <th scope="col">Handling</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((l) => (
                <tr key={l.id} aria-label={`dead letter ${l.id}`} className={l.handling ? 'handled' : ''}>
                  <td>
                    <TimeText at={l.timestamp} />
                  </td>
                  <td>
                    <span className="badge">{l.reason}</span>
                  </td>
                  <td>{l.source_stream}</td>
                  <td className="ops-mono">{l.source_entry_id}</td>
                  <td>{l.group}</td>
                  <td className="ops-error-text">{l.error}</td>
                  <td>
                    <Payload text={l.payload} />
                  </td>
                  <td>
                    {l.handling !== null ? (
                      <Handling letter={l} />
                    ) : mayHandle ? (
                      <DeadLetterActions letter={l} />
                    ) : (
                      <span className="muted">unhandled</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
