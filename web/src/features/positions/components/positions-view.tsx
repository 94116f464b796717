import { Card } from '@/components/ui/card';
import { TimeText } from '@/components/time-text';
import { usePositionsBook, usePositionsEquity } from '../api/use-positions';
import { EquityCurves } from './equity-curves';
import { PnlSummary } from './pnl-summary';
import { PositionsTable } from './positions-table';
import { TotalsTable } from './totals-table';
import './positions.css';

/** The Positions and PnL page's content: headline figures, the positions, their totals and the curves. */
export function PositionsView() {
  const book = usePositionsBook();
  const equity = usePositionsEquity();
  const title = <h2 className="positions-title">Positions and PnL</h2>;
  if (!book.data)
    return (
      <>
        {title}
        <p className="muted">{book.isError ? 'The positions could not be loaded.' : 'Loading…'}</p>
      </>
    );
  if (book.data.rows.length === 0)
    return (
      <>
        {title}
        <p className="positions-empty" role="status">
          No positions yet — approve an intent on the Desk.
        </p>
      </>
    );
  const { data } = book;
  return (
    <div className="positions-layout">
      <div className="positions-head">
        {title}
        <PnlSummary book={data} maxDrawdown={equity.data?.max_drawdown ?? null} />
        <span className="muted as-of">
          valued <TimeText at={data.as_of} />
        </span>
      </div>
      <Card label="Positions" className="positions-card">
        <PositionsTable rows={data.rows} />
        {data.unpriced.length > 0 ? (
          <p className="muted">
            No surface yet for {data.unpriced.join(', ')}: Greeks left out of the totals.
          </p>
        ) : null}
      </Card>
      <div className="positions-bottom">
        <Card label="Totals">
          <TotalsTable label="Totals per strategy" keyHeader="Strategy" totals={data.by_strategy} />
          <TotalsTable label="Totals per underlying" keyHeader="Underlying" totals={data.by_underlying} />
        </Card>
        <Card label="Equity and drawdown" className="chart-card">
          {equity.data && equity.data.points.length > 0 ? (
            <EquityCurves curve={equity.data} />
          ) : (
            <p className="muted">no equity points yet</p>
          )}
        </Card>
      </div>
    </div>
  );
}
