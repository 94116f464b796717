import { Card } from '@/components/ui/card';
import { clockTime, duration } from '@/lib/format';
import { useStreamMonitoring } from '../api/use-stream-monitoring';
import { pipelineRows } from '../core/pipeline-rows';

const n = (v: number | null): string => (v === null ? '—' : String(v));

/** The streams and their consumer groups; a consumer delay above 5 s is highlighted. */
export function PipelineCard() {
  const monitoring = useStreamMonitoring();
  const rows = pipelineRows(monitoring.data);
  return (
    <Card label="Pipeline" className="pipeline-card">
      {rows.length === 0 && <p className="muted">{monitoring.isPending ? 'loading…' : 'no streams'}</p>}
      {rows.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Streams and groups">
          <table className="pipeline">
            <thead>
              <tr>
                <th scope="col">Stream</th>
                <th scope="col">Group</th>
                <th scope="col">Length</th>
                <th scope="col">Lag</th>
                <th scope="col">Pending</th>
                <th scope="col">Oldest idle</th>
                <th scope="col">Delay</th>
                <th scope="col">Dead letters</th>
                <th scope="col">Last entry</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.key}
                  className={r.slow ? 'slow' : ''}
                  aria-label={`${r.stream} ${r.group ?? ''}`.trim()}
                >
                  <td>{r.stream}</td>
                  <td>{r.group ?? '—'}</td>
                  <td>{r.length}</td>
                  <td>{n(r.lag)}</td>
                  <td>{n(r.pending)}</td>
                  <td>{duration(r.idleMs)}</td>
                  <td className="delay">{duration(r.delayMs)}</td>
                  <td className={r.deadLetters > 0 ? 'warn' : ''}>{r.deadLetters}</td>
                  <td>{clockTime(r.lastEntryAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
