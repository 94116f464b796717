import { describe, expect, it } from 'vitest';
import {
  annualiseVariance,
  chooseModel,
  confidenceOf,
  ewmaView,
  forecastHorizons,
  garchView,
  type ForecastRules,
  type ModelView,
} from './forecast.ts';
import { harView } from './har-view.ts';
import { ewmaPath, garchPath, qlike } from './variance-models.ts';

const rules: ForecastRules = { barSeconds: 5, lambda: 0.94, evaluationWindow: 50, realizedWindow: 720 };
const BARS_PER_YEAR = (365 * 86_400) / 5;

/** Seeded normal returns (mulberry32 + Box–Muller), so every run scores the same data. */
function gaussianReturns(n: number, sd: number, seed = 1): number[] {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from(
    { length: n },
    () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()) * sd,
  );
}

describe('ewmaPath', () => {
  it('follows σ²_t = λσ²_{t−1} + (1 − λ)r_t² from the mean square of the first returns', () => {
    const returns = [0.01, -0.02, 0.005];
    const seed = (0.01 ** 2 + 0.02 ** 2 + 0.005 ** 2) / 3;
    const v1 = 0.94 * seed + 0.06 * 0.01 ** 2;
    const v2 = 0.94 * v1 + 0.06 * 0.02 ** 2;
    const v3 = 0.94 * v2 + 0.06 * 0.005 ** 2;
    const path = ewmaPath(returns, 0.94);
    expect(path[0]).toBeCloseTo(v1, 15);
    expect(path[1]).toBeCloseTo(v2, 15);
    expect(path[2]).toBeCloseTo(v3, 15);
  });
});

describe('garchPath', () => {
  it('follows σ²_t = ω + αr_t² + βσ²_{t−1} from the long-run variance', () => {
    const p = { omega: 1e-6, alpha: 0.1, beta: 0.85 };
    const longRun = 1e-6 / 0.05;
    const path = garchPath([0.01, 0], p);
    expect(path[0]).toBeCloseTo(1e-6 + 0.1 * 1e-4 + 0.85 * longRun, 15);
    expect(path[1]).toBeCloseTo(1e-6 + 0.85 * (path[0] ?? NaN), 15);
  });
});

describe('annualiseVariance', () => {
  it('scales a per-bar variance by the bars per year', () => {
    expect(annualiseVariance(1e-8, 5)).toBeCloseTo(Math.sqrt(1e-8 * BARS_PER_YEAR), 12);
  });
});

describe('forecastHorizons', () => {
  const returns = gaussianReturns(400, 1e-4);

  describe('with EWMA', () => {
    it('gives every horizon the flat current variance, annualised', () => {
      const view = ewmaView(returns, rules);
      const forecasts = forecastHorizons(returns, view, rules);
      expect(forecasts.map((f) => f.forecast_horizon)).toEqual(['1h', '24h', '7d']);
      for (const f of forecasts) {
        expect(f.predicted_volatility).toBeCloseTo(Math.sqrt(view.nextVariance * BARS_PER_YEAR), 12);
        expect(f.model_version).toBe('ewma-0.94/1');
        expect(f.features_used).toEqual(['log_returns_5s']);
        expect(f.metadata).toMatchObject({ n_returns: 400, bar_seconds: 5 });
      }
    });
  });

  describe('with GARCH above its long-run variance', () => {
    it('forecasts lower vol for longer horizons, towards the long-run level', () => {
      const params = { omega: 2e-10, alpha: 0.2, beta: 0.79 };
      const shocked = [...returns, 1e-3, -1e-3];
      const view = garchView(
        { returns: shocked, total: shocked.length },
        { params, trainedThrough: 300 },
        rules,
      );
      const [h1, h24, d7] = forecastHorizons(shocked, view, rules).map((f) => f.predicted_volatility);
      expect(h1).toBeGreaterThan(h24 ?? Infinity);
      expect(h24).toBeGreaterThan(d7 ?? Infinity);
      expect(d7).toBeCloseTo(annualiseVariance(2e-10 / 0.01, 5), 2);
    });
  });

  describe('with several candidates', () => {
    it('lists each scored candidate with its loss and its own forecast of the horizon, skipping missing ones', () => {
      const ewma = ewmaView(returns, rules);
      const garch = garchView(
        { returns, total: returns.length },
        { params: { omega: 2e-10, alpha: 0.1, beta: 0.85 }, trainedThrough: 300 },
        rules,
      );
      const forecasts = forecastHorizons(returns, ewma, { ...rules, candidates: [ewma, null, garch] });
      for (const f of forecasts) {
        const bars = { '1h': 720, '24h': 17_280, '7d': 120_960 }[f.forecast_horizon];
        expect(f.candidates).toEqual([
          { model_version: 'ewma-0.94/1', score: ewma.loss, predicted_volatility: f.predicted_volatility },
          {
            model_version: 'garch11-mle/1',
            score: garch.loss,
            predicted_volatility: annualiseVariance(garch.meanVariance(bars), 5),
          },
        ]);
      }
    });
  });

  it('reports the realized vol of the recent returns', () => {
    const [f] = forecastHorizons(returns, ewmaView(returns, rules), rules);
    expect(f?.metadata.realized_vol).toBeGreaterThan(1e-4 * Math.sqrt(BARS_PER_YEAR) * 0.8);
    expect(f?.metadata.realized_vol).toBeLessThan(1e-4 * Math.sqrt(BARS_PER_YEAR) * 1.2);
  });
});

describe('confidenceOf', () => {
  it('is 1 − 1/√(2n) for SE = vol/√(2n)', () => {
    expect(confidenceOf(0.5, 50)).toBeCloseTo(0.9, 12);
  });

  it('stays within 0…1', () => {
    for (const n of [0, 1, 2, 20, 1e6]) {
      const c = confidenceOf(0.6, n);
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
    }
    expect(confidenceOf(0, 100)).toBe(0);
  });

  it('grows with the number of returns', () => {
    expect(confidenceOf(0.6, 1000)).toBeGreaterThan(confidenceOf(0.6, 20));
  });
});

describe('chooseModel', () => {
  const view = (modelVersion: string, loss: number): ModelView => ({
    modelVersion,
    nextVariance: 1e-8,
    meanVariance: () => 1e-8,
    loss,
  });

  it('picks the model with the lower out-of-sample loss', () => {
    expect(chooseModel(view('ewma', -10), view('garch', -11)).modelVersion).toBe('garch');
    expect(chooseModel(view('ewma', -12), view('garch', -11)).modelVersion).toBe('ewma');
  });

  describe('when GARCH is missing or cannot be scored', () => {
    it('keeps EWMA', () => {
      expect(chooseModel(view('ewma', -10), null).modelVersion).toBe('ewma');
      expect(chooseModel(view('ewma', -10), view('garch', NaN)).modelVersion).toBe('ewma');
    });
  });
});

describe('chooseModel over all candidates', () => {
  const harRules = { barSeconds: 5, blockBars: 12, medium: 5, long: 22, evaluationWindow: 50 };
  const view = (modelVersion: string, loss: number, nextVariance = 1e-8): ModelView => ({
    modelVersion,
    nextVariance,
    meanVariance: () => nextVariance,
    loss,
  });

  it('picks the lowest loss of any number of candidates, skipping missing ones', () => {
    const chosen = chooseModel(view('ewma', -10), view('garch', -11), null, view('har', -12));
    expect(chosen.modelVersion).toBe('har');
  });

  it('skips a candidate with a zero variance forecast or an unscorable loss', () => {
    expect(chooseModel(view('ewma', -10), view('har', -12, 0), view('vt', NaN)).modelVersion).toBe('ewma');
  });

  describe('when nothing but a later candidate can be scored', () => {
    it('picks it', () => {
      expect(chooseModel(view('ewma', NaN), view('garch', -11)).modelVersion).toBe('garch');
    });
  });

  /** EWMA, a constant-variance GARCH at the calm level (trained before the window) and HAR on `returns`. */
  const candidates = (returns: number[]) => {
    const fit = { params: { omega: 1e-8, alpha: 0, beta: 0 }, trainedThrough: returns.length - 50 };
    return [
      ewmaView(returns, rules),
      garchView({ returns, total: returns.length }, fit, rules),
      harView(returns, harRules),
    ] as const;
  };

  describe('when one outlier shortly before the window inflates EWMA and HAR', () => {
    it('picks the constant-variance GARCH, whose loss is the lowest', () => {
      const returns = gaussianReturns(1000, 1e-4, 7);
      returns[940] = 1e-2;
      const [ewma, garch, har] = candidates(returns);
      expect(garch.loss).toBeLessThan(ewma.loss);
      expect(garch.loss).toBeLessThan(har?.loss ?? -Infinity);
      expect(chooseModel(ewma, garch, har).modelVersion).toBe('garch11-mle/1');
    });
  });

  describe('when the variance jumps a hundredfold before the window', () => {
    it('picks EWMA, which adapts, over the constant GARCH and HAR', () => {
      const calm = gaussianReturns(940, 1e-4, 8);
      const wild = gaussianReturns(60, 1e-3, 9);
      const [ewma, garch, har] = candidates([...calm, ...wild]);
      expect(ewma.loss).toBeLessThan(garch.loss);
      expect(ewma.loss).toBeLessThan(har?.loss ?? -Infinity);
      expect(chooseModel(ewma, garch, har).modelVersion).toBe('ewma-0.94/1');
    });
  });
});

describe('qlike', () => {
  it('scores the true variance better than a wrong one', () => {
    const returns = gaussianReturns(2000, 1e-3, 5);
    const right = qlike(
      returns,
      returns.map(() => 1e-6),
    );
    const wrong = qlike(
      returns,
      returns.map(() => 4e-6),
    );
    expect(right).toBeLessThan(wrong);
  });
});
