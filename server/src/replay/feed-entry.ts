import type { RecordedEntry } from './read-record.ts';
import type { ReplayWorld } from './replay-world.ts';

/** The recorded streams the engine and the strategy runner consume (docs/architecture.md's table). */
export const FED_STREAMS = [
  'market.tick',
  'market.vol_surface',
  'strategy.forecast.volatility',
  'market.macro_state',
  'market.daily_history',
  'portfolio.risk',
  'order.fill',
  'position.update',
] as const;

const as = <TName extends RecordedEntry['stream']>(
  entry: RecordedEntry,
  _name: TName,
): RecordedEntry<TName> => entry as RecordedEntry<TName>;

/**
 * Hands one recorded entry to the replayed engine and strategies, as their subscriptions and tails would.
 * Intents, trader commands and the engine's own decisions are not inputs here (the driver schedules
 * them); an `execution_rejected` decision (option execution's) is. A recorded signal of an instance the
 * replay does not run goes to the engine's intake as the live engine took it.
 */
export async function feedEntry(
  world: Pick<ReplayWorld, 'engine' | 'runner'>,
  entry: RecordedEntry,
  options: { isProducedBy: (strategyId: string) => boolean },
): Promise<void> {
  const { engine, runner } = world;
  switch (entry.stream) {
    case 'market.tick': {
      const tick = as(entry, 'market.tick').message;
      engine.handleTick(tick);
      return runner.handleTick(tick);
    }
    case 'market.vol_surface': {
      const surface = as(entry, 'market.vol_surface').message;
      engine.handleSurface(surface);
      return runner.handleSurface(surface);
    }
    case 'strategy.forecast.volatility':
      return runner.handleForecast(as(entry, 'strategy.forecast.volatility').message);
    case 'market.macro_state': {
      const macro = as(entry, 'market.macro_state').message;
      await engine.handleMacroState(macro);
      return runner.handleMacroState(macro);
    }
    case 'market.daily_history':
      return runner.handleDailyHistory(as(entry, 'market.daily_history').message);
    case 'portfolio.risk': {
      const risk = as(entry, 'portfolio.risk').message;
      engine.handlePortfolioRisk(risk);
      return runner.handlePortfolioRisk(risk);
    }
    case 'order.fill': {
      const fill = as(entry, 'order.fill').message;
      await engine.handleFill(fill, { id: entry.id });
      return runner.handleFill(fill);
    }
    case 'position.update': {
      const update = as(entry, 'position.update').message;
      engine.handlePositionUpdate(update);
      return runner.handlePositionUpdate(update);
    }
    case 'intent.decision': {
      const decision = as(entry, 'intent.decision').message;
      if (decision.status !== 'execution_rejected') return;
      await engine.handleDecision(decision);
      return runner.handleDecision(decision);
    }
    case 'strategy.signal': {
      const signal = as(entry, 'strategy.signal').message;
      if (!options.isProducedBy(signal.strategy_id)) await engine.handleSignal(signal, { id: entry.id });
      return;
    }
    default:
      return;
  }
}
