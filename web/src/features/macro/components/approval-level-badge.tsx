import { useDeskConfig } from '@/lib/use-desk-config';
import { useNow } from '@/lib/use-now';
import { approvalBadge } from '../core/approval-level-text';
import { useLatestMacro } from '../hooks/use-latest-macro';

/**
 * The approval level in force (`APPROVAL_MODE=policy`: normal, elevated, extreme) and the rule that set it,
 * live from the newest macro state and re-read every second (a state turns stale with time alone).
 */
export function ApprovalLevelBadge() {
  const { approval } = useDeskConfig();
  const macro = useLatestMacro();
  const now = useNow(1000);
  const badge = approvalBadge(approval, macro, now);
  return (
    <div
      role="status"
      aria-label="Approval level"
      className={`approval-level approval-level-${badge.level ?? 'none'}`}
      title={badge.why}
    >
      {badge.text}
      {badge.level !== null && <span className="approval-level-why"> · {badge.why}</span>}
    </div>
  );
}
