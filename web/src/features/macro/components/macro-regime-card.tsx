import { Card } from '@/components/ui/card';
import { TimeText } from '@/components/time-text';
import { fixed } from '@/lib/format';
import { onchainView } from '../core/onchain-text';
import { regimeLabel } from '../core/regime-labels';
import { useLatestMacro } from '../hooks/use-latest-macro';

/** The macro regime and its score (2 dp), the inputs, and on-chain activity with its age. */
export function MacroRegimeCard() {
  const macro = useLatestMacro();
  const onchain = onchainView(macro);
  return (
    <Card label="Macro regime" className="macro-card">
      <div className={`regime regime-${macro?.macro_regime ?? 'none'}`}>
        {regimeLabel(macro?.macro_regime)}
      </div>
      <dl className="kv">
        <dt>Regime score</dt>
        <dd aria-label="regime score">{fixed(macro?.regime_score, 2)}</dd>
        <dt>Sentiment</dt>
        <dd>{fixed(macro?.sentiment_score, 2)}</dd>
        <dt>Realized vol</dt>
        <dd>{fixed(macro?.realized_vol, 2)}</dd>
        <dt>Funding (8 h)</dt>
        <dd>{fixed(macro?.funding_rate, 5)}</dd>
        <dt>On-chain</dt>
        <dd aria-label="on-chain activity">
          {onchain.value} <span className={onchain.warn ? 'small warn' : 'small muted'}>{onchain.note}</span>
        </dd>
        <dt>Updated</dt>
        <dd>{macro ? <TimeText at={macro.timestamp} withZone /> : '—'}</dd>
      </dl>
    </Card>
  );
}
