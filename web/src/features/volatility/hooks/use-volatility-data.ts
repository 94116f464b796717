import { useShallow } from 'zustand/react/shallow';
import { useForecasts } from '../api/use-forecasts';
import { useVolHistory } from '../api/use-vol-history';
import { useVolSurface } from '../api/use-vol-surface';
import { latestForecasts, newerOf } from '../core/latest';
import { mergeHistory, type LiveSample } from '../core/vol-series';
import { useVolatilityStore } from '../stores/volatility-store';

const NO_SAMPLES: readonly LiveSample[] = [];
/** The trader's horizon until `market.forecasts` answers (`PQ_FORECAST_HORIZON`'s default). */
const DEFAULT_HORIZON = '24h';

/** Everything the Volatility page shows of an underlying: the snapshot queries with the live stream on top. */
export function useVolatilityData(underlying: string) {
  const surfaceQuery = useVolSurface(underlying);
  const forecastsQuery = useForecasts(underlying);
  const historyQuery = useVolHistory(underlying);
  const liveSurface = useVolatilityStore((s) => s.surfaces[underlying]);
  const liveForecasts = useVolatilityStore(
    useShallow((s) => Object.values(s.forecasts).filter((f) => f.underlying === underlying)),
  );
  const samples = useVolatilityStore((s) => s.samples[underlying]) ?? NO_SAMPLES;
  const traderHorizon = forecastsQuery.data?.trader_horizon ?? DEFAULT_HORIZON;
  const forecasts = latestForecasts(forecastsQuery.data?.forecasts, liveForecasts);
  return {
    surface: newerOf(surfaceQuery.data, liveSurface),
    forecasts,
    traderHorizon,
    /** The forecast of the trader's horizon (Q), or null */
    q: forecasts.find((f) => f.forecast_horizon === traderHorizon) ?? null,
    history: mergeHistory(historyQuery.data, samples),
    loading: surfaceQuery.isPending || forecastsQuery.isPending,
  };
}
