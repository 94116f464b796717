import { compact, fixed, signed } from '@/lib/format';
import type { PositionRow } from '../api/use-positions';
import { MARK_SOURCE_TEXT, pnlClass, price, quantity, usd } from '../core/pnl-format';

function Row({ row }: { row: PositionRow }) {
  const g = row.greeks;
  const markTitle = row.mark_source ? MARK_SOURCE_TEXT[row.mark_source] : 'no mark yet';
  return (
    <tr className={row.quantity === 0 ? 'flat' : undefined}>
      <td>{row.strategy_id}</td>
      <th scope="row" className="symbol">
        {row.symbol}
      </th>
      <td className="num">{quantity(row.quantity)}</td>
      <td className="num">{row.quantity === 0 ? '—' : price(row.avg_price)}</td>
      <td className="num" title={markTitle}>
        {price(row.mark)}
        {row.mark_source === 'fill' || row.mark_source === 'model' ? (
          <span className="mark-source"> {row.mark_source}</span>
        ) : null}
      </td>
      <td className={`num ${pnlClass(row.unrealized_pnl)}`}>{usd(row.unrealized_pnl, { sign: true })}</td>
      <td className={`num ${pnlClass(row.realized_pnl)}`}>{usd(row.realized_pnl, { sign: true })}</td>
      <td className="num">{usd(row.fees)}</td>
      <td className="num">{signed(g?.delta, 4)}</td>
      <td className="num">{compact(g?.gamma, 6)}</td>
      <td className="num">{fixed(g?.vega, 2)}</td>
      <td className="num">{fixed(g?.theta, 2)}</td>
    </tr>
  );
}

/** One row per strategy and instrument: quantity, average price, mark, PnL and the position's Greeks. */
export function PositionsTable({ rows }: { rows: readonly PositionRow[] }) {
  return (
    <div className="positions-scroll" tabIndex={0} role="region" aria-label="Positions by instrument">
      <table className="positions-table">
        <thead>
          <tr>
            <th scope="col">Strategy</th>
            <th scope="col">Instrument</th>
            <th scope="col" className="num">
              Qty
            </th>
            <th scope="col" className="num">
              Avg price
            </th>
            <th scope="col" className="num">
              Mark
            </th>
            <th scope="col" className="num">
              Unrealized
            </th>
            <th scope="col" className="num" title="Average-cost realized PnL, net of fees">
              Realized
            </th>
            <th scope="col" className="num">
              Fees
            </th>
            <th scope="col" className="num" title="Delta, coins">
              Δ
            </th>
            <th scope="col" className="num" title="Gamma, delta per 1 USD">
              Γ
            </th>
            <th scope="col" className="num" title="Vega, USD per vol point">
              Vega
            </th>
            <th scope="col" className="num" title="Theta, USD per day">
              Θ
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <Row key={`${r.strategy_id}|${r.symbol}`} row={r} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
