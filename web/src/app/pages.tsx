import { lazy, type ComponentType } from 'react';
import { PAGE_LIST, type PageKey } from './page-list';
import { DeskPage } from './pages/desk-page';

/** A console page: its URL, its nav label, and what it renders inside the console layout. */
export interface ConsolePageRoute {
  readonly key: PageKey;
  readonly path: string;
  readonly label: string;
  readonly Component: ComponentType;
}

/**
 * Each page's component. The Desk (home) loads with the console; every other page is a lazy chunk, so its
 * code (and its charts) loads on first visit and never weighs on the initial JavaScript.
 */
const COMPONENTS: Record<PageKey, ComponentType> = {
  desk: DeskPage,
  positions: lazy(() => import('./pages/positions-page').then((m) => ({ default: m.PositionsPage }))),
  orders: lazy(() => import('./pages/orders-page').then((m) => ({ default: m.OrdersPage }))),
  volatility: lazy(() => import('./pages/volatility-page').then((m) => ({ default: m.VolatilityPage }))),
  risk: lazy(() => import('./pages/risk-page').then((m) => ({ default: m.RiskPage }))),
  history: lazy(() => import('./pages/history-page').then((m) => ({ default: m.HistoryPage }))),
  ops: lazy(() => import('./pages/ops-page').then((m) => ({ default: m.OpsPage }))),
};

/** Every console page, in nav order: the router and the header's nav both read this list. */
export const PAGES: readonly ConsolePageRoute[] = PAGE_LIST.map((page) => ({
  ...page,
  Component: COMPONENTS[page.key],
}));
