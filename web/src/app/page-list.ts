/**
 * The console's pages as plain data (path, nav label, heading): pages.tsx pairs each with its component,
 * and the e2e specs (accessibility, navigation) visit every one, so a new page is checked the day it lands.
 */
export const PAGE_LIST = [
  { key: 'desk', path: '/', label: 'Desk' },
  { key: 'positions', path: '/positions', label: 'Positions' },
  { key: 'orders', path: '/orders', label: 'Orders' },
  { key: 'volatility', path: '/volatility', label: 'Volatility' },
  { key: 'risk', path: '/risk', label: 'Risk' },
  { key: 'history', path: '/history', label: 'History' },
  { key: 'ops', path: '/ops', label: 'Ops' },
] as const;

/** A page's key. */
export type PageKey = (typeof PAGE_LIST)[number]['key'];
