import type { ComponentType } from 'react';
import { DeskPage } from './pages/desk-page';

/** A console page: its URL, its nav label, and what it renders inside the console layout. */
export interface ConsolePageRoute {
  readonly path: string;
  readonly label: string;
  readonly Component: ComponentType;
}

/**
 * Every console page, in nav order: the router and the header's nav both read this list, so a new page is
 * one entry here. The Desk (home) loads with the console; add other pages with
 * `lazy(() => import('./pages/xxx-page'))` so their code (and their charts) loads on first visit.
 */
export const PAGES: readonly ConsolePageRoute[] = [{ path: '/', label: 'Desk', Component: DeskPage }];
