import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

const columns = [
  { header: 'symbol', value: (r: { symbol: string; qty: number | null }) => r.symbol },
  { header: 'qty', value: (r: { symbol: string; qty: number | null }) => r.qty },
];

describe('toCsv', () => {
  it('writes a header and one CRLF line per row', () => {
    expect(toCsv(columns, [{ symbol: 'BTC-C', qty: 0.1 }])).toBe('symbol,qty\r\nBTC-C,0.1\r\n');
  });

  it('quotes commas, quotes and line breaks, and leaves unknowns empty', () => {
    expect(toCsv(columns, [{ symbol: 'a,"b"\nc', qty: null }])).toBe('symbol,qty\r\n"a,""b""\nc",\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(toCsv(columns, [{ symbol: '=HYPERLINK("x")', qty: -2 }])).toBe(
      `symbol,qty\r\n"'=HYPERLINK(""x"")",-2\r\n`,
    );
  });
});
