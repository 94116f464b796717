import { createMacroState } from '@gamma/shared/testing';
import type { MacroStateEvent } from '@gamma/shared';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApprovalLevelBadge } from './approval-level-badge';

const settings = {
  approval: {
    mode: 'policy' as 'manual' | 'auto' | 'policy',
    extremeFomo: 0.8,
    elevatedFomo: 0.5,
    staleAfterS: 180,
  },
};
const latest: { macro: MacroStateEvent | null } = { macro: null };

vi.mock('@/lib/use-desk-config', () => ({ useDeskConfig: () => settings }));
vi.mock('../hooks/use-latest-macro', () => ({ useLatestMacro: () => latest.macro }));

const badge = () => screen.getByRole('status', { name: 'Approval level' });

describe('ApprovalLevelBadge', () => {
  afterEach(cleanup);

  it('shows the level in force and the rule, coloured by level', () => {
    latest.macro = createMacroState({
      macro_regime: 'bull',
      fomo_score: 0.62,
      timestamp: new Date().toISOString(),
    });
    render(<ApprovalLevelBadge />);
    expect(badge().textContent).toBe('policy: elevated · FOMO 0.62 ≥ 0.50');
    expect(badge().className).toContain('approval-level-elevated');
  });

  it('shows the mode alone under manual approval', () => {
    settings.approval.mode = 'manual';
    render(<ApprovalLevelBadge />);
    expect(badge().textContent).toBe('manual approval');
    expect(badge().className).toContain('approval-level-none');
    settings.approval.mode = 'policy';
  });
});
