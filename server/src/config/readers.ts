import type { Reader } from './setting.ts';

const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** Text as given (the field schema checks its form). */
export const TEXT: Reader = {
  read: (text) => ({ value: text }),
  format: (value) => String(value),
};

/** A decimal number (`0.2`, `1e3`); anything else is a problem, never 0. */
export const NUMBER: Reader = {
  read: (text) => {
    const n = Number(text.trim());
    return Number.isNaN(n) ? { problem: `not a number: "${text}"` } : { value: n };
  },
  format: (value) => String(value),
};

/** A comma-separated list; blanks around items and empty items are dropped. */
export const LIST: Reader = {
  read: (text) => ({ value: splitList(text) }),
  format: (value) => (value as string[]).join(','),
};

/** `COIN:quantity` pairs, e.g. `BTC:5,ETH:50`; coins are upper-cased. */
export const COIN_QUANTITIES: Reader = {
  read: (text) => {
    const out: Record<string, number> = {};
    for (const part of splitList(text)) {
      const [coin, quantity] = part.split(':').map((x) => x.trim());
      const n = Number(quantity);
      if (!coin || !Number.isFinite(n) || n <= 0)
        return { problem: `bad entry "${part}" (expected COIN:positive quantity)` };
      out[coin.toUpperCase()] = n;
    }
    return { value: out };
  },
  format: (value) =>
    Object.entries(value as Record<string, number>)
      .map(([coin, n]) => `${coin}:${n}`)
      .join(','),
};

/** `true` or `false` (any case); anything else is a problem, never a silent false. */
export const BOOLEAN: Reader = {
  read: (text) => {
    const word = text.trim().toLowerCase();
    return word === 'true' || word === 'false'
      ? { value: word === 'true' }
      : { problem: `not true or false: "${text}"` };
  },
  format: (value) => String(value),
};
