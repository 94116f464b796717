import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type RefObject, useEffect, useRef } from 'react';
import type { HistoryRow } from '../api/use-history-search';
import { HISTORY_COLUMNS } from './history-columns';

/** Height of every row, px (fixed, so the virtualizer never measures). */
export const HISTORY_ROW_PX = 28;
/** Rows from the end at which the next page is asked for. */
const PREFETCH_ROWS = 200;

/** Enter opens a row, ↑ / ↓ move the focus to the row above or below (scrolled into view first). */
function useRowKeys(
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  scrollRef: RefObject<HTMLDivElement | null>,
  { count, onOpen }: { count: number; onOpen: (row: HistoryRow) => void },
) {
  const focusRow = (index: number) => {
    if (index < 0 || index >= count) return;
    virtualizer.scrollToIndex(index);
    requestAnimationFrame(() =>
      scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${index}"]`)?.focus(),
    );
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number, row: HistoryRow) => {
    if (event.key === 'Enter') onOpen(row);
    else if (event.key === 'ArrowDown') focusRow(index + 1);
    else if (event.key === 'ArrowUp') focusRow(index - 1);
    else return;
    event.preventDefault();
  };
  return onKeyDown;
}

/** One result row: focusable, opened by a click or Enter. */
function HistoryTableRow({
  row,
  index,
  onOpen,
  onKeyDown,
}: {
  row: HistoryRow;
  index: number;
  onOpen: (row: HistoryRow) => void;
  onKeyDown: (event: KeyboardEvent<HTMLTableRowElement>, index: number, row: HistoryRow) => void;
}) {
  return (
    <tr
      data-index={index}
      aria-rowindex={index + 2}
      tabIndex={0}
      className="history-row"
      onClick={() => onOpen(row)}
      onKeyDown={(e) => onKeyDown(e, index, row)}
    >
      {HISTORY_COLUMNS.map((c) => (
        <td key={c.key} className={c.numeric ? 'num' : undefined}>
          {c.cell(row)}
        </td>
      ))}
    </tr>
  );
}

/** A spacer standing for the rows out of view above or below. */
const SpacerRow = ({ height }: { height: number }) =>
  height > 0 ? (
    <tr aria-hidden="true" style={{ height }}>
      <td colSpan={HISTORY_COLUMNS.length} />
    </tr>
  ) : null;

/**
 * The results as a table whose rows are virtualized (only those in view, and a few more, are in the DOM), with
 * a sticky header. Rows are focusable: Enter or a click opens one, ↑ / ↓ move between them. Nearing the end
 * asks for the next page (`onNearEnd`).
 */
export function HistoryTable({
  rows,
  onOpen,
  onNearEnd,
}: {
  rows: readonly HistoryRow[];
  onOpen: (row: HistoryRow) => void;
  onNearEnd: () => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh functions by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => HISTORY_ROW_PX,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (rows.length > 0 && lastIndex >= rows.length - PREFETCH_ROWS) onNearEnd();
  }, [lastIndex, rows.length, onNearEnd]);

  const onKeyDown = useRowKeys(virtualizer, scrollRef, { count: rows.length, onOpen });
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div ref={scrollRef} className="history-scroll" tabIndex={0} role="region" aria-label="History results">
      <table className="history-table" aria-rowcount={rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            {HISTORY_COLUMNS.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <SpacerRow height={top} />
          {items.map((item) => {
            const row = rows[item.index];
            return row === undefined ? null : (
              <HistoryTableRow
                key={`${row.kind}:${row.entry_id}`}
                row={row}
                index={item.index}
                onOpen={onOpen}
                onKeyDown={onKeyDown}
              />
            );
          })}
          <SpacerRow height={bottom} />
        </tbody>
      </table>
    </div>
  );
}
