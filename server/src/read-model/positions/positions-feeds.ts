import { feed, type Feed } from '../feeds.ts';
import { applyFill, applySurface, applyTick, type PositionsBook } from './core/positions-book.ts';

/** Warm-up depth: fills rebuild the positions, so the book reads far back; marks need only the latest. */
const WARM_UP = { fills: 20_000, ticks: 200, surfaces: 20 } as const;

/**
 * The feeds of the positions book. Fills warm up first, then the marks, so the newest market data (not a
 * fill's price) values the book once warm; samples older than the curve's last point are not taken.
 */
export function positionFeeds(book: PositionsBook): Feed[] {
  return [
    feed('order.fill', WARM_UP.fills, (e) => applyFill(book, e)),
    feed('market.tick', WARM_UP.ticks, (e) => applyTick(book, e)),
    feed('market.vol_surface', WARM_UP.surfaces, (e) => applySurface(book, e)),
  ];
}
