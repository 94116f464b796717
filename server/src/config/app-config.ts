import { auditRecorderSection, type AuditRecorderConfig } from '../services/audit-recorder/config.ts';
import { engineSection, type EngineServiceConfig } from '../services/engine/config.ts';
import { killSwitchSection, type KillSwitchConfig } from '../services/kill-switch/config.ts';
import { marketSimulatorSection, type MarketSimulatorConfig } from '../services/market-simulator/config.ts';
import { optionExecutionSection, type OptionExecutionConfig } from '../services/option-execution/config.ts';
import { paperExchangeSection, type PaperExchangeConfig } from '../services/paper-exchange/config.ts';
import { riskServiceSection, type RiskServiceConfig } from '../services/risk-service/config.ts';
import type { StrategyRunnerConfig } from '../services/strategy-runner/config.ts';
import { strategyRunnerSection } from '../services/strategy-runner/strategy-instances.ts';
import { volForecasterSection, type VolForecasterConfig } from '../services/vol-forecaster/config.ts';
import { deskSection, type DeskSettings } from './desk-config.ts';
import { processSection, type ProcessConfig } from './process-config.ts';
import type { ConfigProblem, ConfigSection, SectionReading } from './read-section.ts';
import type { EnvSource } from './setting.ts';
import { isSettingName, unknownVariables } from './unknown-variables.ts';
import { ConfigError } from '../errors/index.ts';

/** The whole validated configuration: the process settings, the desk settings and one section per service. */
export interface AppConfig {
  process: ProcessConfig;
  engine: EngineServiceConfig;
  optionExecution: OptionExecutionConfig;
  riskService: RiskServiceConfig;
  killSwitch: KillSwitchConfig;
  strategyRunner: StrategyRunnerConfig;
  paperExchange: PaperExchangeConfig;
  marketSimulator: MarketSimulatorConfig;
  volForecaster: VolForecasterConfig;
  auditRecorder: AuditRecorderConfig;
  /** What the gateway serves to the console */
  desk: DeskSettings;
}

/** Every section of {@link AppConfig}, in the README's order. */
export const CONFIG_SECTIONS: { [K in keyof AppConfig]: ConfigSection<AppConfig[K]> } = {
  process: processSection,
  engine: engineSection,
  optionExecution: optionExecutionSection,
  riskService: riskServiceSection,
  killSwitch: killSwitchSection,
  strategyRunner: strategyRunnerSection,
  paperExchange: paperExchangeSection,
  marketSimulator: marketSimulatorSection,
  volForecaster: volForecasterSection,
  auditRecorder: auditRecorderSection,
  desk: deskSection,
};

const SECTIONS: readonly ConfigSection<unknown>[] = Object.values(CONFIG_SECTIONS);

/** Whether a variable names a Gamma setting (one a section defines, or a member of a pattern family). */
export const isGammaSetting = (variable: string): boolean => isSettingName(variable, SECTIONS);

/** Problems without repeats (a variable read by several sections is reported once). */
const distinct = (problems: ConfigProblem[]): ConfigProblem[] => [
  ...new Map(problems.map((p) => [`${p.variable}\n${p.message}`, p])).values(),
];

/**
 * Validates a whole environment (SPEC §11): every section, plus variables with a known prefix that no
 * section defines. An empty value is a problem unless its setting gives it a meaning.
 */
export function validateConfig(source: EnvSource): SectionReading<AppConfig> {
  const problems = unknownVariables(source, SECTIONS);
  const config: Record<string, unknown> = {};
  for (const [name, section] of Object.entries(CONFIG_SECTIONS) as [string, ConfigSection<unknown>][]) {
    const reading = section.read(source);
    if (reading.ok) config[name] = reading.value;
    else problems.push(...reading.problems);
  }
  // Every section read successfully when there is no problem, so config has every key
  return problems.length === 0
    ? { ok: true, value: config as unknown as AppConfig }
    : { ok: false, problems: distinct(problems) };
}

/** One message listing every problem, one line each, named by variable. */
export const describeProblems = (problems: readonly ConfigProblem[]): string =>
  [
    `Invalid configuration (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):`,
    ...problems.map((p) => `  ${p.variable}: ${p.message}`),
  ].join('\n');

/** The configuration of an environment (tests: `loadConfig({ APPROVAL_MODE: 'auto' })`); throws listing every problem. */
export function loadConfig(source: EnvSource): AppConfig {
  const reading = validateConfig(source);
  if (!reading.ok) throw new ConfigError(describeProblems(reading.problems));
  return reading.value;
}
