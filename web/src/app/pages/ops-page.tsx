import { CardErrorBoundary } from '@/components/errors/card-error-boundary';
import { DeadLettersCard } from '@/features/ops/components/dead-letters-card';
import { ServicesPanel } from '@/features/ops/components/services-panel';
import { StreamsCard } from '@/features/ops/components/streams-card';
import '@/features/ops/components/ops.css';

/** The Ops page (`/ops`): service health, dead letters (requeue / discard for admins), streams × groups. */
export function OpsPage() {
  return (
    <main className="page ops-page" aria-label="Ops">
      <div className="ops-top">
        <CardErrorBoundary name="Services">
          <ServicesPanel />
        </CardErrorBoundary>
        <CardErrorBoundary name="Dead letters">
          <DeadLettersCard />
        </CardErrorBoundary>
      </div>
      <CardErrorBoundary name="Streams">
        <StreamsCard />
      </CardErrorBoundary>
    </main>
  );
}
