import type { MacroStateEvent } from '@gamma/shared';
import { useMacroLatest } from '../api/use-macro';
import { latestMacro } from '../core/macro-series';
import { useMacroStore } from '../stores/macro-store';

/** The newest macro state known: live stream first, the snapshot query until one arrives. */
export function useLatestMacro(): MacroStateEvent | null {
  const snapshot = useMacroLatest();
  const live = useMacroStore((s) => s.events);
  return latestMacro(snapshot.data, live);
}
