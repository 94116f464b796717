/**
 * Gamma quant core: pure pricing, Greeks, implied volatility, SVI and volatility forecasts.
 * No I/O, no clock, no dependencies. See SPEC §9 for units.
 */
export type { OptionType, Greeks } from './types.ts';
export { normCdf, normPdf, normInv } from './normal.ts';
export type { BsInput } from './black-scholes.ts';
export { bsPrice, bsGreeks } from './black-scholes.ts';
export type { Black76Input } from './black76.ts';
export { black76Price, black76Greeks } from './black76.ts';
export type { InverseInput } from './inverse.ts';
export { inverseOptionPrice, venueGreeks, netDelta } from './inverse.ts';
export type { ImpliedVolInput } from './implied-vol.ts';
export { impliedVol } from './implied-vol.ts';
export type { RawSvi, JumpWings } from './svi.ts';
export {
  sviTotalVariance,
  sviMinTotalVariance,
  sviToJumpWings,
  sviFromJumpWings,
  sviRepairJumpWings,
  sviButterflyCheck,
  sviDurrlemanG,
} from './svi.ts';
export type { SviFitInput } from './svi-fit.ts';
export { fitRawSvi } from './svi-fit.ts';
export type { CloseToCloseOptions, CloseToCloseResult, RangeVolResult } from './realized-vol.ts';
export { closeToCloseVol, parkinsonVol, garmanKlassVol } from './realized-vol.ts';
export type { Garch11Fit } from './garch-fit.ts';
export { garch11Fit, garch11LogLikelihood } from './garch-fit.ts';
export type { HarRvResult } from './har.ts';
export { harRvForecast } from './har.ts';
export type { BsBatchInput, GreeksBatch, ImpliedVolBatchInput } from './batch.ts';
export { bsPriceBatch, bsGreeksBatch, impliedVolBatch } from './batch.ts';
export type { Garch11Params } from './garch.ts';
export {
  ewmaVariance,
  garch11Next,
  garch11LongRunVariance,
  garch11Forecast,
  garch11MeanVariance,
  garch11Filter,
} from './garch.ts';
export type { SignedPosition, UnderlyingGreeks, PortfolioGreeks, UnderlyingWhatIf } from './portfolio.ts';
export type { SurfaceRowLike, SurfaceLike, PortfolioMarket } from './portfolio-market.ts';
export { portfolioGreeks, greeksWhatIf } from './portfolio.ts';
export type {
  SurfaceFitExpiry,
  SurfaceFitInput,
  DeltaPoint,
  SliceRepairs,
  FittedSlice,
  FittedSurface,
} from './surface-fit-types.ts';
export { fitSurface } from './surface-fit.ts';
export { sviRepairButterfly, sviSliceButterflyCheck, sviCalendarShortfall } from './svi-slice-arbitrage.ts';
