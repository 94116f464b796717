import { approvalLevel, type ApprovalLevel, type MacroStateEvent } from '@gamma/shared';

/** What the desk configuration says of approval: the mode and the policy's bounds. */
export interface ApprovalSettings {
  mode: 'manual' | 'auto' | 'policy';
  extremeFomo: number;
  elevatedFomo: number;
  staleAfterS: number;
}

/** The header badge: the level in force (null unless `APPROVAL_MODE=policy`), its words and why. */
export interface ApprovalBadge {
  level: ApprovalLevel | null;
  text: string;
  why: string;
}

const MODE_WORDS = { manual: 'manual approval', auto: 'auto approval' } as const;

/**
 * The approval level the engine applies now, by the one rule it uses (`approvalLevel`), from the newest
 * market-wide macro state and the desk settings; under manual or auto approval no level is in force.
 */
export function approvalBadge(
  settings: ApprovalSettings,
  macro: MacroStateEvent | null,
  nowMs: number,
): ApprovalBadge {
  if (settings.mode !== 'policy')
    return { level: null, text: MODE_WORDS[settings.mode], why: 'no policy level' };
  const reading =
    macro === null
      ? null
      : { regime: macro.macro_regime, fomo: macro.fomo_score, atMs: Date.parse(macro.timestamp) };
  const { level, rule } = approvalLevel(
    reading,
    {
      extremeFomo: settings.extremeFomo,
      elevatedFomo: settings.elevatedFomo,
      staleAfterMs: settings.staleAfterS * 1000,
    },
    nowMs,
  );
  const fomo = reading?.fomo ?? null;
  const regime = reading?.regime ?? 'unknown';
  const why: Record<typeof rule, string> = {
    no_macro_state: 'no macro state yet',
    regime_panic: 'regime panic',
    fomo_extreme: `FOMO ${fomo?.toFixed(2)} ≥ ${settings.extremeFomo.toFixed(2)}`,
    macro_state_stale: `macro state older than ${settings.staleAfterS} s`,
    fomo_elevated: `FOMO ${fomo?.toFixed(2)} ≥ ${settings.elevatedFomo.toFixed(2)}`,
    regime_elevated: `regime ${regime}`,
    calm: `regime ${regime}, FOMO ${fomo === null ? 'unknown' : `< ${settings.elevatedFomo.toFixed(2)}`}`,
  };
  return { level, text: `policy: ${level}`, why: why[rule] };
}
