import { useQuery } from '@tanstack/react-query';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';

export type PositionsBook = RouterOutputs['positions']['book'];
export type PositionRow = PositionsBook['rows'][number];
export type PositionTotals = PositionsBook['total'];
export type EquityCurve = RouterOutputs['positions']['equity'];

/** Marks move without a fill: the book and its curve are read again this often (the curve samples every 5 s). */
const MARK_REFRESH_MS = 5000;

/** The positions book valued now; refetched on every position update and every few seconds for the marks. */
export function usePositionsBook() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.positions.book.queryOptions(), refetchInterval: MARK_REFRESH_MS });
}

/** The equity and drawdown curve since the first fill. */
export function usePositionsEquity() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.positions.equity.queryOptions(), refetchInterval: MARK_REFRESH_MS });
}
