import { Card } from '@/components/ui/card';
import { useDeskConfig } from '@/lib/use-desk-config';
import { aboveGate, fomoLevel, fomoText } from '../core/fomo-level';
import { useLatestMacro } from '../hooks/use-latest-macro';

/** FOMO score (2 dp) and level, on a 0…1 bar with the PQVolTrader gate marked. */
export function FomoCard() {
  const score = useLatestMacro()?.fomo_score ?? null;
  const gate = useDeskConfig().maxFomoScore;
  const level = fomoLevel(score);
  const blocked = aboveGate(score, gate);
  return (
    <Card label="FOMO" className="fomo-card">
      <div className={`fomo-value level-${level}`}>{fomoText(score)}</div>
      <div
        className="gauge"
        role="meter"
        aria-label="FOMO score"
        aria-valuemin={0}
        aria-valuemax={1}
        aria-valuenow={score ?? 0}
        aria-valuetext={fomoText(score)}
      >
        <div
          className={`gauge-fill level-${level}`}
          style={{ width: `${Math.min(1, Math.max(0, score ?? 0)) * 100}%` }}
        />
        <div className="gauge-gate" style={{ left: `${gate * 100}%` }} title={`gate ${gate.toFixed(2)}`} />
      </div>
      <p className={`gate ${blocked ? 'blocked' : ''}`}>
        gate max_fomo_score {gate.toFixed(2)}: {blocked ? 'above, PQVolTrader holds' : 'not blocking'}
      </p>
    </Card>
  );
}
