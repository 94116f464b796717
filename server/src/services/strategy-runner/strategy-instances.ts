import { hedgeInstrumentFor } from '@gamma/shared';
import type { z } from 'zod';
import {
  issueProblems,
  readBindings,
  readValue,
  type ConfigProblem,
  type ConfigSection,
  type SectionReading,
} from '../../config/read-section.ts';
import type { EnvBindings, EnvSource } from '../../config/setting.ts';
import { DELTA_HEDGE_INSTRUMENT } from '../../config/shared-settings.ts';
import { isBudgetVariable } from '../../config/strategy-budgets.ts';
import {
  DELTA_HEDGER_ENV,
  DeltaHedgerConfigSchema,
  GRID_ENV,
  GridConfigSchema,
  PQ_VOL_TRADER_ENV,
  PqVolTraderConfigSchema,
  S1_ENV,
  S1ConfigSchema,
  STRATEGIES,
  STRATEGY_TYPES,
  type StrategyInstanceConfig,
  type StrategyRunnerConfig,
  type StrategyType,
} from './config.ts';
import { instanceIdOf } from './core/registry.ts';
import { OVERRIDE_KEYS } from './override-keys.ts';

const SCHEMAS = {
  pq_vol_trader: PqVolTraderConfigSchema,
  delta_hedger: DeltaHedgerConfigSchema,
  grid: GridConfigSchema,
  s1: S1ConfigSchema,
} satisfies Record<StrategyType, z.ZodObject>;

const TYPE_ENV: Record<StrategyType, EnvBindings> = {
  pq_vol_trader: PQ_VOL_TRADER_ENV,
  delta_hedger: DELTA_HEDGER_ENV,
  grid: GRID_ENV,
  s1: S1_ENV,
};

const OVERRIDE_PREFIX = 'STRATEGY_';

/** An instance being built: its type, id and the field inputs gathered so far. */
interface Pending {
  type: StrategyType;
  id: string;
  raw: Record<string, unknown>;
}

type TypeInputs = Record<StrategyType, Record<string, unknown>>;

/** The type-wide variables (`PQ_*`, `DELTA_*`, `GRID_*`, `S1_*`), read once for all instances of a type. */
function readTypeInputs(source: EnvSource): { inputs: TypeInputs; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const inputs = Object.fromEntries(
    STRATEGY_TYPES.map((type) => {
      const reading = readBindings(TYPE_ENV[type], source);
      problems.push(...reading.problems);
      return [type, reading.input];
    }),
  ) as TypeInputs;
  return { inputs, problems };
}

function parseEntry(entry: string): { type: StrategyType; symbol: string } | ConfigProblem {
  const colon = entry.indexOf(':');
  const type = colon < 0 ? entry : entry.slice(0, colon).trim();
  const symbol = colon < 0 ? '' : entry.slice(colon + 1).trim();
  const problem = (message: string): ConfigProblem => ({ variable: STRATEGIES.variable, message });
  if (!(STRATEGY_TYPES as readonly string[]).includes(type))
    return problem(`"${entry}": unknown strategy type "${type}" (known: ${STRATEGY_TYPES.join(', ')})`);
  if (!/^[A-Z0-9]+\/[A-Z0-9]+$/.test(symbol))
    return problem(`"${entry}": expected <type>:<BASE/QUOTE>, e.g. pq_vol_trader:BTC/USDT`);
  return { type: type as StrategyType, symbol };
}

/** The fields an instance takes from its `STRATEGIES` entry: its symbol and, for a hedger, its hedge instrument. */
function symbolFields(type: StrategyType, symbol: string, hedgeTemplate: string): Record<string, unknown> {
  if (type === 'delta_hedger')
    return { underlying: symbol, hedgeInstrument: hedgeInstrumentFor(hedgeTemplate, symbol) };
  return type === 'pq_vol_trader' ? { underlying: symbol } : { symbol };
}

/** The instances `STRATEGIES` lists, with the type-wide inputs, before per-instance overrides. */
function pendingInstances(
  source: EnvSource,
  inputs: TypeInputs,
): { pending: Pending[]; problems: ConfigProblem[] } {
  const entries = readValue(STRATEGIES, source);
  const template = readValue(DELTA_HEDGE_INSTRUMENT, source);
  const problems = [entries, template].flatMap((r) => (r.ok ? [] : r.problems));
  if (!entries.ok || !template.ok) return { pending: [], problems };
  const pending: Pending[] = [];
  for (const entry of entries.value) {
    const parsed = parseEntry(entry);
    if ('message' in parsed) {
      problems.push(parsed);
      continue;
    }
    const id = instanceIdOf(parsed.type, parsed.symbol);
    if (pending.some((p) => p.id === id)) {
      problems.push({ variable: STRATEGIES.variable, message: `duplicate instance ${id}` });
      continue;
    }
    const raw = { ...inputs[parsed.type], ...symbolFields(parsed.type, parsed.symbol, template.value) };
    pending.push({ type: parsed.type, id, raw });
  }
  return { pending, problems };
}

/** Applies one `STRATEGY_<ID>_<KEY>` variable to its instance; the problem when it is unknown or invalid. */
function applyOverride(instance: Pending, variable: string, text: string): ConfigProblem | null {
  const key = variable.slice(`${OVERRIDE_PREFIX}${instance.id.toUpperCase()}_`.length).toLowerCase();
  const known = OVERRIDE_KEYS[instance.type];
  const target = known[key];
  if (!target)
    return {
      variable,
      message: `unknown setting "${key}" for ${instance.id} (known: ${Object.keys(known).join(', ')})`,
    };
  if (text.trim() === '') return { variable, message: 'empty value' };
  const [field, reader] = target;
  const reading = reader.read(text.trim());
  if ('problem' in reading) return { variable, message: reading.problem };
  const fieldSchema = SCHEMAS[instance.type].shape[field as keyof (typeof SCHEMAS)[StrategyType]['shape']];
  const check = (fieldSchema as z.ZodType).safeParse(reading.value);
  if (!check.success)
    return { variable, message: `invalid value "${text}": ${check.error.issues[0]?.message ?? 'invalid'}` };
  instance.raw[field] = reading.value;
  return null;
}

/** Applies every `STRATEGY_<ID>_<KEY>` variable of the source; one naming no configured instance is a problem. */
function applyOverrides(pending: Pending[], source: EnvSource): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [variable, text] of Object.entries(source)) {
    if (!variable.startsWith(OVERRIDE_PREFIX) || text === undefined) continue;
    // A budget may name any strategy id (intents come from external producers too): the engine reads it
    if (isBudgetVariable(variable)) continue;
    // The longest id wins, so STRATEGY_GRID_BTC_X never lands on an instance whose id is a prefix of grid_btc
    const owner = pending
      .filter((p) => variable.startsWith(`${OVERRIDE_PREFIX}${p.id.toUpperCase()}_`))
      .sort((a, b) => b.id.length - a.id.length)[0];
    const problem = owner
      ? applyOverride(owner, variable, text)
      : {
          variable,
          message: `names no configured instance (${pending.map((p) => p.id).join(', ') || 'none'})`,
        };
    if (problem) problems.push(problem);
  }
  return problems;
}

/** The instance validated by its type's schema, or its problems (named by the variable and the instance). */
function validated(p: Pending): { instance: StrategyInstanceConfig } | { problems: ConfigProblem[] } {
  const parsed = SCHEMAS[p.type].safeParse(p.raw);
  if (parsed.success)
    // The schema is the one of p.type, so the config matches the instance's type
    return { instance: { type: p.type, id: p.id, config: parsed.data } as StrategyInstanceConfig };
  const problems = issueProblems(parsed.error, TYPE_ENV[p.type], STRATEGIES.variable);
  return { problems: problems.map((problem) => ({ ...problem, message: `${p.id}: ${problem.message}` })) };
}

/**
 * Reads the strategy instances (SPEC §4, §11): `STRATEGIES`, the type-wide variables and the
 * `STRATEGY_<ID>_<KEY>` overrides; every bad entry, unknown instance or key and bad value is a problem.
 */
function readStrategyInstances(source: EnvSource): SectionReading<StrategyRunnerConfig> {
  const { inputs, problems } = readTypeInputs(source);
  const { pending, problems: entryProblems } = pendingInstances(source, inputs);
  problems.push(...entryProblems, ...applyOverrides(pending, source));
  const instances: StrategyInstanceConfig[] = [];
  for (const result of pending.map(validated)) {
    if ('instance' in result) instances.push(result.instance);
    else problems.push(...result.problems);
  }
  return problems.length === 0 ? { ok: true, value: { instances } } : { ok: false, problems };
}

/** The strategy runner's section of the configuration. */
export const strategyRunnerSection: ConfigSection<StrategyRunnerConfig> = {
  settings: [
    STRATEGIES,
    ...Object.values(PQ_VOL_TRADER_ENV),
    ...Object.values(DELTA_HEDGER_ENV),
    DELTA_HEDGE_INSTRUMENT,
    ...Object.values(GRID_ENV),
    ...Object.values(S1_ENV),
  ],
  families: [
    {
      pattern: 'STRATEGY_<ID>_<KEY>',
      prefix: OVERRIDE_PREFIX,
      meaning:
        'per-instance override, e.g. `STRATEGY_PQ_VOL_TRADER_ETH_VOL_THRESHOLD=0.06` (keys: the SPEC names or the variable suffix); `STRATEGY_DELTA_HEDGER_<BASE>_DELTA_THRESHOLD` also sets that base’s risk alert and console threshold',
    },
  ],
  read: readStrategyInstances,
};
