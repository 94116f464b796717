import { createPortfolioRisk } from '@gamma/shared/testing';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { GreeksBlock } from './greeks-block';

const limits = { delta: 2, gamma: 0.0004, vega_usd: 5000, short_theta_usd: 2500 };

describe('GreeksBlock with the engine Greek limits', () => {
  afterEach(cleanup);

  it('draws each limited Greek against its limit, amber near it and red beyond', () => {
    const event = createPortfolioRisk({
      underlying: 'BTC/USDT',
      total_delta: -1,
      total_vega: 4500,
      total_gamma: 0.0005,
      total_theta: -100,
    });
    render(<GreeksBlock event={event} threshold={0.05} hedgeInstrument="BTC/USDT:USDT" limits={limits} />);
    expect(screen.getByLabelText('Δ limit').textContent).toBe('50% of ±2');
    expect(screen.getByLabelText('Δ limit').classList.contains('greek-limit-ok')).toBe(true);
    expect(screen.getByLabelText('ν limit').classList.contains('greek-limit-near')).toBe(true);
    expect(screen.getByLabelText('Γ limit').classList.contains('greek-limit-over')).toBe(true);
    expect(screen.getByLabelText('θ limit').textContent).toBe('4% of −2500');
  });

  it('draws no limit where none is set, as for the whole book', () => {
    render(
      <GreeksBlock event={createPortfolioRisk({ underlying: null })} threshold={0.05} hedgeInstrument="x" />,
    );
    expect(screen.queryByLabelText('Δ limit')).toBeNull();
  });
});
