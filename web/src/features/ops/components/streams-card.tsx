import { Card } from '@/components/ui/card';
import { useStreams } from '../api/use-ops-queries';
import { streamRows } from '../core/stream-rows';
import { StreamsTable } from './streams-table';

/** The pipeline: every stream and consumer group with its backlog and throughput. */
export function StreamsCard() {
  const streams = useStreams();
  const rows = streamRows(streams.data);
  return (
    <Card label="Streams" title="Streams and consumer groups" className="ops-card">
      {rows.length === 0 ? (
        <p className="muted">{streams.isPending ? 'loading…' : 'no streams'}</p>
      ) : (
        <StreamsTable rows={rows} />
      )}
    </Card>
  );
}
