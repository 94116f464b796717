import type { PortfolioRiskEvent } from '@gamma/shared';
import { compact, fixed, percent } from '@/lib/format';
import { deltaLevel } from '../core/delta-level';
import { hedgeStatus } from '@gamma/shared';
import { hedgeText } from '../core/hedge-status';
import type { GreekLimits } from '@/lib/use-desk-config';
import { GreekLimit } from './greek-limit';

/** Greeks of one underlying: Δ (4 dp, coloured), Γ, vega, θ, ρ, leverage, position ratio, hedge status. */
export interface GreeksBlockProps {
  event: PortfolioRiskEvent;
  /** The hedger's delta threshold of this underlying, coins */
  threshold: number;
  /** The instrument the hedger trades, e.g. `BTC/USDT:USDT` */
  hedgeInstrument: string;
  /** The engine's Greek limits of this underlying (a bar under each limited Greek); none for the whole book */
  limits?: GreekLimits;
}

export function GreeksBlock({ event, threshold, hedgeInstrument, limits }: GreeksBlockProps) {
  const underlying = event.underlying ?? 'whole book';
  const delta = event.total_delta;
  return (
    <div aria-label={`Greeks ${underlying}`} className="greeks-block">
      <h3>{underlying}</h3>
      <dl className="greeks">
        <dt>Δ</dt>
        <dd aria-label="delta" className={`delta delta-${deltaLevel(delta, threshold)}`}>
          {delta.toFixed(4)}
        </dd>
        <GreekLimit greek="delta" value={delta} limit={limits?.delta ?? null} />
        <dt>Γ</dt>
        <dd aria-label="gamma">{compact(event.total_gamma, 6)}</dd>
        <GreekLimit greek="gamma" value={event.total_gamma} limit={limits?.gamma ?? null} />
        <dt>vega</dt>
        <dd aria-label="vega">{fixed(event.total_vega, 2)}</dd>
        <GreekLimit greek="vega" value={event.total_vega} limit={limits?.vega_usd ?? null} />
        <dt>θ</dt>
        <dd aria-label="theta">{fixed(event.total_theta, 2)}</dd>
        <GreekLimit greek="theta" value={event.total_theta} limit={limits?.short_theta_usd ?? null} />
        <dt>ρ</dt>
        <dd aria-label="rho">{fixed(event.total_rho, 2)}</dd>
        <dt>leverage</dt>
        <dd aria-label="leverage">{fixed(event.leverage ?? 0, 2)}×</dd>
        <dt>position ratio</dt>
        <dd aria-label="position ratio">{percent(event.position_ratio, 1)}</dd>
      </dl>
      <p aria-label="hedge" className={`hedge hedge-${hedgeStatus(delta, threshold)}`}>
        {hedgeText(delta, threshold, hedgeInstrument)}
      </p>
    </div>
  );
}
