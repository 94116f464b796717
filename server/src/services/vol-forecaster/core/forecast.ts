import { closeToCloseVol, garch11MeanVariance, type Garch11Params } from '@gamma/shared/quant';
import type { RangeVols } from './range-vol.ts';
import { ewmaPath, garchPath, qlike } from './variance-models.ts';

/** Forecast horizons (SPEC §3.2) and their length in seconds. */
export const HORIZON_SECONDS = { '1h': 3_600, '24h': 86_400, '7d': 604_800 } as const;
export type Horizon = keyof typeof HORIZON_SECONDS;
export const HORIZONS = Object.keys(HORIZON_SECONDS) as Horizon[];

const SECONDS_PER_YEAR = 365 * 86_400;

/** A fitted GARCH(1,1) and where its training data ended. */
export interface GarchFit {
  params: Garch11Params;
  /** `BarState.total` when it was fitted: returns after this point are out of sample */
  trainedThrough: number;
  /** Which variant it is; default `garch11-mle/1` */
  modelVersion?: string;
}

/** The model settings. */
export interface ForecastRules {
  barSeconds: number;
  lambda: number;
  /** Returns scored for the model choice (one-step-ahead, out of sample for GARCH) */
  evaluationWindow: number;
  /** Returns (and OHLC bars) behind the realized vols in the metadata */
  realizedWindow: number;
}

/** The GARCH(1,1) variants: plain MLE of omega, alpha, beta, or omega from variance targeting. */
export const GARCH_VERSIONS = { mle: 'garch11-mle/1', vt: 'garch11-vt/1' } as const;

/** One model's view of the coming bars. */
export interface ModelView {
  modelVersion: string;
  /** Variance per bar for the next bar */
  nextVariance: number;
  /** Mean forecast variance per bar over `bars` bars */
  meanVariance: (bars: number) => number;
  /** Out-of-sample loss over the evaluation window (NaN when not scorable) */
  loss: number;
  /** The model's inputs (`features_used`); default `log_returns_<bar>s` */
  features?: readonly string[];
}

/** A forecast ready to publish (the shell adds underlying and timestamp). */
export interface HorizonForecast {
  forecast_horizon: Horizon;
  predicted_volatility: number;
  confidence: number;
  model_version: string;
  features_used: string[];
  /** Every candidate scored (skipped ones left out): its loss and its own forecast of the horizon */
  candidates: { model_version: string; score: number | null; predicted_volatility: number | null }[];
  metadata: {
    /** Annualised close-to-close vol of the recent returns */
    realized_vol: number | null;
    /** Annualised Parkinson (high–low) vol of the recent OHLC bars */
    realized_vol_parkinson: number | null;
    /** Annualised Garman–Klass (OHLC) vol of the recent OHLC bars */
    realized_vol_garman_klass: number | null;
    n_returns: number;
    bar_seconds: number;
    /** The winner's out-of-sample QLIKE loss */
    loss: number | null;
    /** Every candidate's loss (null = not scorable yet) */
    model_losses: Record<string, number | null>;
  };
}

/** Annualised vol from a mean variance per bar: √(variance × bars per year). */
export const annualiseVariance = (variancePerBar: number, barSeconds: number): number =>
  Math.sqrt(Math.max(variancePerBar, 0) * (SECONDS_PER_YEAR / barSeconds));

/** clamp(1 − SE/estimate, 0, 1) with SE = vol/√(2n) (SPEC §8.3); 0 without returns. */
export function confidenceOf(vol: number, n: number): number {
  if (!(n > 0) || !(vol > 0)) return 0;
  const se = vol / Math.sqrt(2 * n);
  return Math.min(Math.max(1 - se / vol, 0), 1);
}

/** The EWMA view: a flat forecast at the current variance. */
export function ewmaView(returns: readonly number[], r: ForecastRules): ModelView {
  const path = ewmaPath(returns, r.lambda);
  const next = path.at(-1) ?? 0;
  return {
    modelVersion: `ewma-${r.lambda}/1`,
    nextVariance: next,
    meanVariance: () => next,
    loss: scoreWindow(returns, path, r.evaluationWindow),
  };
}

/** A GARCH view named by the fit's variant: variance reverting to its long-run level over the horizon. */
export function garchView(
  bars: { returns: readonly number[]; total: number },
  fit: GarchFit,
  r: ForecastRules,
): ModelView {
  const { returns, total } = bars;
  const path = garchPath(returns, fit.params);
  const next = path.at(-1) ?? 0;
  const outOfSample = Math.min(r.evaluationWindow, total - fit.trainedThrough);
  return {
    modelVersion: fit.modelVersion ?? GARCH_VERSIONS.mle,
    nextVariance: next,
    meanVariance: (bars) => garch11MeanVariance({ ...fit.params, currentVariance: next, horizon: bars }),
    loss: scoreWindow(returns, path, outOfSample),
  };
}

/** Mean loss of the one-step forecasts (path[i − 1] for returns[i]) over the last `window` returns. */
function scoreWindow(returns: readonly number[], path: readonly number[], window: number): number {
  const start = Math.max(returns.length - window, 1);
  if (start >= returns.length) return NaN;
  return qlike(returns.slice(start), path.slice(start - 1, returns.length - 1));
}

const usable = (m: ModelView | null): m is ModelView =>
  m !== null && Number.isFinite(m.loss) && m.nextVariance > 0;

/**
 * The candidate with the lowest out-of-sample loss among those that can be scored (finite loss,
 * positive variance); EWMA wins ties and is the fallback when nothing else is usable. Null
 * candidates (not enough data yet) are skipped.
 */
export function chooseModel(ewma: ModelView, ...others: (ModelView | null)[]): ModelView {
  let best: ModelView | null = usable(ewma) ? ewma : null;
  for (const m of others) if (usable(m) && (best === null || m.loss < best.loss)) best = m;
  return best ?? ewma;
}

/** Annualised close-to-close vol of the last `window` returns (null with fewer than two). */
export function realizedVolOf(returns: readonly number[], window: number, barSeconds: number): number | null {
  const recent = returns.slice(-window);
  if (recent.length < 2) return null;
  let price = 1;
  const prices = [price, ...recent.map((ret) => (price *= Math.exp(ret)))];
  return closeToCloseVol(prices, { periodsPerYear: SECONDS_PER_YEAR / barSeconds }).annualVol ?? null;
}

/** What the metadata reports beside the chosen model: range vols and every candidate's loss. */
export interface HorizonExtras {
  range?: RangeVols;
  /** Every candidate considered (null = skipped); default just the chosen one */
  candidates?: readonly (ModelView | null)[];
}

/** The forecast of every horizon from the chosen model (SPEC §8.3). */
export function forecastHorizons(
  returns: readonly number[],
  model: ModelView,
  r: ForecastRules & HorizonExtras,
): HorizonForecast[] {
  const realized = realizedVolOf(returns, r.realizedWindow, r.barSeconds);
  const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
  const losses: Record<string, number | null> = {};
  const scored = (r.candidates ?? [model]).filter((m): m is ModelView => m !== null);
  for (const m of scored) losses[m.modelVersion] = finite(m.loss);
  return HORIZONS.map((horizon) => {
    const bars = Math.max(1, Math.round(HORIZON_SECONDS[horizon] / r.barSeconds));
    const volOf = (m: ModelView): number => annualiseVariance(m.meanVariance(bars), r.barSeconds);
    const vol = volOf(model);
    return {
      forecast_horizon: horizon,
      predicted_volatility: vol,
      confidence: confidenceOf(vol, returns.length),
      model_version: model.modelVersion,
      features_used: [...(model.features ?? [`log_returns_${r.barSeconds}s`])],
      candidates: scored.map((m) => ({
        model_version: m.modelVersion,
        score: finite(m.loss),
        predicted_volatility: finite(volOf(m)),
      })),
      metadata: {
        realized_vol: realized,
        realized_vol_parkinson: r.range?.parkinson ?? null,
        realized_vol_garman_klass: r.range?.garmanKlass ?? null,
        n_returns: returns.length,
        bar_seconds: r.barSeconds,
        loss: finite(model.loss),
        model_losses: losses,
      },
    };
  });
}
