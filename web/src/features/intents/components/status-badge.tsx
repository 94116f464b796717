import { intentStatusLabel } from '@/lib/labels';

/** An intent status badge (`<span aria-label="status">pending</span>`), coloured by status. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span aria-label="status" className={`badge status-${status}`}>
      {intentStatusLabel(status)}
    </span>
  );
}
