import type { ReactNode } from 'react';

/**
 * A chart with an accessible name: SVG charts are not readable, so the frame is an image whose name is a text
 * summary of what the chart shows (screen readers read it; axe and the e2e specs find the chart by it).
 */
export function ChartFrame(props: { summary: string; children: ReactNode }) {
  return (
    <div className="vol-chart" role="img" aria-label={props.summary}>
      {props.children}
    </div>
  );
}

/** Series colours readable on the panel background, one per expiry (repeating after eight). */
export const SERIES_COLORS = [
  '#4cc9f0',
  '#2ecc71',
  '#b794f6',
  '#f78fb3',
  '#8be9fd',
  '#ffd166',
  '#a3e635',
  '#fb923c',
] as const;

/** The colour of Q (the forecast) everywhere on the page. */
export const Q_COLOR = '#f5a524';
export const AXIS_COLOR = '#8b98ad';
export const GRID_COLOR = '#263041';
export const TOOLTIP_STYLE = { background: '#111826', border: '1px solid #263041' } as const;

/** An annualised vol as a percentage with one decimal. */
export const pct = (x: number | null | undefined): string =>
  typeof x === 'number' && Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—';

/** Legend text in the page's text colour (the swatch keeps the series colour). */
export const legendText = (value: string) => <span className="vol-legend-text">{value}</span>;
