import type { IntentDecisionEvent } from '@gamma/shared';
import type { Comparison, DecisionRow } from './compare-decisions.ts';

/** The closing line of every replay (contract wording). */
export const summaryLine = (c: Pick<Comparison, 'intents' | 'differing'>): string =>
  `replay: ${c.intents} intents, ${c.differing} decisions differ`;

const verdict = (d: IntentDecisionEvent | null): string =>
  d === null ? '—' : [d.status, ...d.reason_codes].join(' ');

const when = (row: DecisionRow): string => (row.recorded ?? row.replayed)?.timestamp ?? '';

/** Pads each column to its widest cell. */
function table(header: string[], body: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...body.map(line)];
}

/** Every decision of the replay, each marked `same` or with the fields that differ from the record. */
export function decisionTable(c: Comparison): string[] {
  return table(
    ['TIME', 'INTENT', 'STRATEGY', 'ACTION', 'SOURCE', 'DECISION', 'VS RECORD'],
    c.rows.map((r) => [
      when(r),
      r.intent_id,
      r.strategy_id,
      r.action,
      r.source,
      verdict(r.replayed ?? r.recorded),
      [
        r.differences.length === 0 ? 'same' : `differs: ${r.differences.join(', ')}`,
        ...(r.intent_differences.length === 0
          ? []
          : [`(intent differs: ${r.intent_differences.join(', ')})`]),
      ].join(' '),
    ]),
  );
}

/** The decisions that differ, recorded beside replayed. */
export function differenceTable(c: Comparison): string[] {
  return table(
    ['TIME', 'INTENT', 'STRATEGY', 'ACTION', 'RECORDED', 'REPLAYED', 'FIELDS'],
    c.rows
      .filter((r) => r.differences.length > 0)
      .map((r) => [
        when(r),
        r.intent_id,
        r.strategy_id,
        r.action,
        verdict(r.recorded),
        verdict(r.replayed),
        r.differences.join(', '),
      ]),
  );
}

/** One JSON object a line per decision row (only differing ones when `onlyDiffering`). */
export const jsonLines = (c: Comparison, onlyDiffering: boolean): string[] =>
  c.rows
    .filter((r) => !onlyDiffering || r.differences.length > 0)
    .map((r) => JSON.stringify({ ...r, same: r.differences.length === 0 }));

/**
 * What `npm run replay` prints: the table of decisions (with `--env`, the differing ones side by side),
 * or JSON lines; the summary line last (with `--json`, as `{"summary": …}`).
 */
export function formatReplay(c: Comparison, options: { json: boolean; counterfactual: boolean }): string[] {
  const summary = summaryLine(c);
  if (options.json)
    return [
      ...jsonLines(c, options.counterfactual),
      JSON.stringify({ summary, intents: c.intents, differing: c.differing }),
    ];
  return [...(options.counterfactual ? differenceTable(c) : decisionTable(c)), summary];
}
