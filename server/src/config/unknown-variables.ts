import { RETIRED_VARIABLES } from './auth-settings.ts';
import type { ConfigProblem, ConfigSection } from './read-section.ts';

const firstWord = (variable: string): string | null => {
  const underscore = variable.indexOf('_');
  return underscore > 0 ? variable.slice(0, underscore + 1) : null;
};

/**
 * First words other programs own (Node reads `NODE_…`, redis-cli and many clients `REDIS_…`): never a prefix of
 * ours, however many of our settings start with one (`REDIS_URL`, `REDIS_CLUSTER_NODES`), so `REDIS_PASSWORD`
 * set for another tool is not reported as a typo.
 */
const FOREIGN_WORDS = new Set(['NODE_', 'REDIS_']);

/**
 * The prefixes that mark a variable as ours, derived from the sections: a first word shared by two or
 * more variables (`RISK_`, `SIM_`, `BUS_` …) and the prefix of every pattern family (`STRATEGY_`). A
 * lone first word (`NODE_` of `NODE_ENV`, `REDIS_`) is not one, since other programs use it too.
 */
export function knownPrefixes(sections: readonly ConfigSection<unknown>[]): string[] {
  const counts = new Map<string, Set<string>>();
  for (const definition of sections.flatMap((section) => section.settings)) {
    const word = firstWord(definition.variable);
    if (word !== null && !FOREIGN_WORDS.has(word))
      counts.set(word, (counts.get(word) ?? new Set()).add(definition.variable));
  }
  const shared = [...counts].filter(([, variables]) => variables.size > 1).map(([word]) => word);
  const families = sections.flatMap((section) => section.families ?? []).map((family) => family.prefix);
  return [...new Set([...shared, ...families])].sort();
}

/**
 * The variables of a source that carry a known prefix but that no section defines (e.g. the typo
 * `RISK_MAX_DRAWDOWN`), and retired ones (`DEFAULT_TRADER_ID`) with what replaced them; variables of a
 * pattern family are left to the section that reads them.
 */
export function unknownVariables(
  source: Readonly<Record<string, string | undefined>>,
  sections: readonly ConfigSection<unknown>[],
): ConfigProblem[] {
  const defined = new Set(sections.flatMap((section) => section.settings.map((s) => s.variable)));
  const familyPrefixes = sections.flatMap((section) => section.families ?? []).map((f) => f.prefix);
  const prefixes = knownPrefixes(sections);
  const retired = Object.keys(source)
    .filter((variable) => Object.hasOwn(RETIRED_VARIABLES, variable))
    .sort()
    .map((variable) => ({ variable, message: RETIRED_VARIABLES[variable] ?? 'retired' }));
  const unknown = Object.keys(source)
    .filter(
      (variable) =>
        !defined.has(variable) &&
        !familyPrefixes.some((prefix) => variable.startsWith(prefix)) &&
        prefixes.some((prefix) => variable.startsWith(prefix)),
    )
    .sort()
    .map((variable) => ({
      variable,
      message: 'unknown variable (no setting has this name; see README "Configuration")',
    }));
  return [...retired, ...unknown];
}

/**
 * Whether a variable is one of ours: a setting some section defines or a member of a pattern family. For a
 * file that holds only Gamma settings (replay's `--env`), where any other name is a typo.
 */
export function isSettingName(variable: string, sections: readonly ConfigSection<unknown>[]): boolean {
  return sections.some(
    (section) =>
      section.settings.some((s) => s.variable === variable) ||
      (section.families ?? []).some((family) => variable.startsWith(family.prefix)),
  );
}
