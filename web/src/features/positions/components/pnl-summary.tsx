import type { PositionsBook } from '../api/use-positions';
import { pnlClass, usd } from '../core/pnl-format';

function Figure(props: { label: string; value: number | null | undefined; sign?: boolean; title?: string }) {
  return (
    <div className="pnl-figure" title={props.title}>
      <dt>{props.label}</dt>
      <dd className={props.sign ? pnlClass(props.value) : undefined}>
        {usd(props.value, { sign: props.sign ?? false })}
      </dd>
    </div>
  );
}

/** The book's headline figures: PnL split, fees and the deepest drawdown since start. */
export function PnlSummary(props: { book: PositionsBook; maxDrawdown: number | null }) {
  const { total } = props.book;
  return (
    <dl className="pnl-summary" aria-label="Book totals">
      <Figure
        label="Total PnL"
        value={total.total_pnl}
        sign
        title="Realized (net of fees) + unrealized, USD"
      />
      <Figure label="Unrealized" value={total.unrealized_pnl} sign />
      <Figure label="Realized" value={total.realized_pnl} sign title="Average-cost, net of fees" />
      <Figure label="Fees" value={total.fees} />
      <Figure label="Max drawdown" value={props.maxDrawdown} sign />
      <div className="pnl-figure">
        <dt>Open positions</dt>
        <dd>{total.open}</dd>
      </div>
      <Figure label="Vega" value={total.vega} title="USD per vol point" />
      <Figure label="Theta" value={total.theta} title="USD per day" />
    </dl>
  );
}
