import { describe, expect, it } from 'vitest';
import { loadConfig, validateConfig } from './app-config.ts';
import { streamCapsOf, VOL_SURFACE_MAXLEN } from './process-config.ts';

const problemsOf = (source: Record<string, string>) => {
  const reading = validateConfig(source);
  return reading.ok ? [] : reading.problems;
};

describe('STREAM_MAXLEN_VOL_SURFACE', () => {
  describe('when unset', () => {
    it('caps the surfaces far below the other streams', () => {
      const settings = loadConfig({}).process;
      expect(settings.streamMaxLenVolSurface).toBe(VOL_SURFACE_MAXLEN);
      expect(VOL_SURFACE_MAXLEN).toBeLessThan(settings.streamMaxLen);
    });

    it('follows a STREAM_MAXLEN below its default instead of failing the start', () => {
      expect(loadConfig({ STREAM_MAXLEN: '1000' }).process.streamMaxLenVolSurface).toBe(1000);
    });
  });

  describe('when set', () => {
    it('is the cap of market.vol_surface only, every other stream keeping STREAM_MAXLEN', () => {
      const settings = loadConfig({ STREAM_MAXLEN: '50000', STREAM_MAXLEN_VOL_SURFACE: '5000' }).process;
      expect(streamCapsOf(settings)).toEqual({
        maxLen: 50_000,
        streamMaxLens: { 'market.vol_surface': 5000 },
      });
    });

    it('may equal STREAM_MAXLEN', () => {
      expect(problemsOf({ STREAM_MAXLEN: '8000', STREAM_MAXLEN_VOL_SURFACE: '8000' })).toEqual([]);
    });
  });

  describe('when above STREAM_MAXLEN', () => {
    it('names both values: it may only lower the common cap', () => {
      expect(problemsOf({ STREAM_MAXLEN: '1000', STREAM_MAXLEN_VOL_SURFACE: '2000' })).toEqual([
        {
          variable: 'STREAM_MAXLEN_VOL_SURFACE',
          message: '2000 is above STREAM_MAXLEN (1000); it may only lower it',
        },
      ]);
    });

    it('compares with the default STREAM_MAXLEN when that is unset', () => {
      expect(problemsOf({ STREAM_MAXLEN_VOL_SURFACE: '100001' })).toEqual([
        {
          variable: 'STREAM_MAXLEN_VOL_SURFACE',
          message: '100001 is above STREAM_MAXLEN (100000); it may only lower it',
        },
      ]);
    });
  });

  describe('when not a whole number of entries above 0', () => {
    it.each([
      ['0', /too small/i],
      ['-5', /too small/i],
      ['7200.5', /int/i],
      ['many', /not a number: "many"/],
      [' ', /empty value/],
    ])('reports %j', (text, message) => {
      expect(problemsOf({ STREAM_MAXLEN_VOL_SURFACE: text })).toEqual([
        { variable: 'STREAM_MAXLEN_VOL_SURFACE', message: expect.stringMatching(message) },
      ]);
    });
  });
});
