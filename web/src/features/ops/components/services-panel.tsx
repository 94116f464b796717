import { TimeText } from '@/components/time-text';
import { Card } from '@/components/ui/card';
import { type ServiceHealth, useServices } from '../api/use-ops-queries';

function ServicesTable({ rows, label }: { rows: readonly ServiceHealth[]; label: string }) {
  return (
    <div className="table-wrap ops-scroll" tabIndex={0} role="region" aria-label={label}>
      <table className="ops-table ops-services">
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Status</th>
            <th scope="col">Process</th>
            <th scope="col">Started</th>
            <th scope="col">Last beat</th>
            <th scope="col">Last activity</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.instance ?? s.service} aria-label={`${s.service} ${s.status}`}>
              <td>{s.service}</td>
              <td>
                <span className={`badge ops-status ops-status-${s.status}`}>{s.status}</span>
              </td>
              <td className="ops-mono">
                {s.instance === null ? 'no heartbeat' : `${s.host ?? ''}:${s.pid ?? ''}`}
              </td>
              <td>
                <TimeText at={s.started_at} />
              </td>
              <td>
                <TimeText at={s.last_beat} />
              </td>
              <td>
                <TimeText at={s.last_activity} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Each service instance: an up / stale / down badge, where it runs, its last beat and last activity. Processes
 * of the past (`retired`: stopped or long dead, their service running elsewhere) fold into a closed group.
 */
export function ServicesPanel() {
  const services = useServices();
  const all = services.data?.services ?? [];
  const rows = all.filter((s) => !s.retired);
  const retired = all.filter((s) => s.retired);
  return (
    <Card label="Services" className="ops-card">
      {all.length === 0 && <p className="muted">{services.isPending ? 'loading…' : 'no heartbeats'}</p>}
      {rows.length > 0 && <ServicesTable rows={rows} label="Service health" />}
      {retired.length > 0 && (
        <details className="ops-retired">
          <summary>Stopped processes ({retired.length})</summary>
          <ServicesTable rows={retired} label="Stopped processes" />
        </details>
      )}
    </Card>
  );
}
