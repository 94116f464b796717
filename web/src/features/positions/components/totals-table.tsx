import { compact, fixed, signed } from '@/lib/format';
import type { PositionTotals } from '../api/use-positions';
import { pnlClass, usd } from '../core/pnl-format';

function TotalsHead({ keyHeader, withDelta }: { keyHeader: string; withDelta: boolean }) {
  return (
    <thead>
      <tr>
        <th scope="col">{keyHeader}</th>
        <th scope="col" className="num">
          Open
        </th>
        <th scope="col" className="num">
          Unrealized
        </th>
        <th scope="col" className="num">
          Realized
        </th>
        <th scope="col" className="num">
          Total PnL
        </th>
        {withDelta ? (
          <>
            <th scope="col" className="num" title="Delta, coins">
              Δ
            </th>
            <th scope="col" className="num" title="Gamma, delta per 1 USD">
              Γ
            </th>
          </>
        ) : null}
        <th scope="col" className="num" title="Delta × spot, USD">
          Δ USD
        </th>
        <th scope="col" className="num">
          Vega
        </th>
        <th scope="col" className="num">
          Θ
        </th>
      </tr>
    </thead>
  );
}

/** Totals of a grouping (per strategy or per underlying); coin delta and gamma only per underlying. */
export function TotalsTable(props: { label: string; keyHeader: string; totals: readonly PositionTotals[] }) {
  const withDelta = props.totals.some((t) => t.delta !== null);
  return (
    <table className="positions-table totals" aria-label={props.label}>
      <TotalsHead keyHeader={props.keyHeader} withDelta={withDelta} />
      <tbody>
        {props.totals.map((t) => (
          <tr key={t.key}>
            <th scope="row">{t.key}</th>
            <td className="num">{t.open}</td>
            <td className={`num ${pnlClass(t.unrealized_pnl)}`}>{usd(t.unrealized_pnl, { sign: true })}</td>
            <td className={`num ${pnlClass(t.realized_pnl)}`}>{usd(t.realized_pnl, { sign: true })}</td>
            <td className={`num ${pnlClass(t.total_pnl)}`}>{usd(t.total_pnl, { sign: true })}</td>
            {withDelta ? (
              <>
                <td className="num">{signed(t.delta, 4)}</td>
                <td className="num">{compact(t.gamma, 6)}</td>
              </>
            ) : null}
            <td className="num">{usd(t.delta_usd)}</td>
            <td className="num">{fixed(t.vega, 2)}</td>
            <td className="num">{fixed(t.theta, 2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
