import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeTrpcProviders } from '@/testing/fake-trpc';
import type { OrderRow, OrdersFilter } from '../api/use-orders';
import { orderRow, rejectedRow } from '../core/fixtures';
import { OrdersView } from './orders-view';

const ORDERS: OrderRow[] = [
  rejectedRow(),
  orderRow(),
  orderRow({
    entry_id: '1772442800000-0',
    timestamp: '2026-03-02T09:13:20.000Z',
    intent_id: 'h-1',
    action: 'delta_hedge',
    client_order_id: 'h-1-0',
    strategy_id: 'delta_hedger',
    symbol: 'ETH/USDT:USDT',
    underlying: 'ETH/USDT',
    side: 'sell',
    order_type: 'market',
    limit_price: null,
    mark: 3500,
    avg_fill_price: 3499,
    fees: 0.9,
    slippage_usd: 0.5,
    slippage_bps: 2.9,
  }),
];

/** The gateway's answer to `orders.list`, filtered as the server filters. */
const calls: OrdersFilter[] = [];
function server(path: string, input: unknown) {
  if (path !== 'orders.list') throw new Error(`unexpected ${path}`);
  const filter = input as OrdersFilter;
  calls.push(filter);
  const orders = ORDERS.filter(
    (o) =>
      (filter.status === undefined || o.status === filter.status) &&
      (filter.strategy === undefined || o.strategy_id === filter.strategy) &&
      (filter.underlying === undefined || o.underlying === filter.underlying),
  );
  return {
    orders,
    total: orders.length,
    strategies: ['delta_hedger', 'pq_vol_trader_btc'],
    underlyings: ['BTC/USDT', 'ETH/USDT'],
  };
}

const renderView = () =>
  render(
    <FakeTrpcProviders server={server}>
      <OrdersView />
    </FakeTrpcProviders>,
  );

const shownOrders = () =>
  within(screen.getByRole('region', { name: 'Orders' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.getAttribute('aria-label'));

/** Captures what `downloadText` hands the browser. */
let downloaded: Blob[] = [];
const textOf = (blob: Blob | undefined): Promise<string> =>
  new Promise((resolve, reject) => {
    if (!blob) return reject(new Error('nothing downloaded'));
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(blob);
  });

const stopNavigation = (event: MouseEvent) => event.preventDefault();

describe('OrdersView', () => {
  beforeEach(() => {
    calls.length = 0;
    downloaded = [];
    URL.createObjectURL = vi.fn((blob: Blob) => (downloaded.push(blob), 'blob:orders'));
    URL.revokeObjectURL = vi.fn();
    // jsdom cannot follow the download link: stop its navigation, the Blob is what counts
    document.addEventListener('click', stopNavigation);
  });
  afterEach(() => {
    cleanup();
    document.removeEventListener('click', stopNavigation);
  });

  it('lists every order with its status, fill price, fee and slippage', async () => {
    renderView();
    await waitFor(() => expect(shownOrders()).toEqual(['order i-1-1', 'order i-1-0', 'order h-1-0']));
    const call = screen.getByRole('row', { name: 'order i-1-0' });
    expect(within(call).getByLabelText('status').textContent).toBe('filled');
    const cell = (column: string) => call.querySelector(`[data-column="${column}"]`)?.textContent;
    expect([cell('fill'), cell('fees'), cell('slippage_usd'), cell('slippage_bps')]).toEqual([
      '4848.00',
      '15.00',
      '+24.00',
      '+100.0',
    ]);
    const put = screen.getByRole('row', { name: 'order i-1-1' });
    expect(within(put).getByLabelText('status').textContent).toBe('rejected');
    expect(put.textContent).toContain('Limit not marketable');
    expect(screen.getByLabelText('Summary').textContent).toContain('3 orders');
  });

  it('sorts by a column when its header is clicked', async () => {
    renderView();
    await waitFor(() => expect(shownOrders()).toHaveLength(3));
    fireEvent.click(screen.getByRole('button', { name: /Mark/ }));
    const header = screen.getByRole('columnheader', { name: /Mark/ });
    // Numbers sort highest first on the first click
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(shownOrders()[2]).toBe('order h-1-0');
    fireEvent.click(screen.getByRole('button', { name: /Mark/ }));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(shownOrders()[0]).toBe('order h-1-0');
  });

  it('asks the server for the chosen status and strategy and shows what it answers', async () => {
    renderView();
    await waitFor(() => expect(shownOrders()).toHaveLength(3));
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'filled' } });
    await waitFor(() => expect(shownOrders()).toEqual(['order i-1-0', 'order h-1-0']));
    fireEvent.change(screen.getByLabelText('Strategy'), { target: { value: 'delta_hedger' } });
    await waitFor(() => expect(shownOrders()).toEqual(['order h-1-0']));
    expect(calls.at(-1)).toMatchObject({ status: 'filled', strategy: 'delta_hedger', limit: 1000 });
  });

  it('exports exactly the rows shown, in the order shown', async () => {
    renderView();
    await waitFor(() => expect(shownOrders()).toHaveLength(3));
    fireEvent.change(screen.getByLabelText('Underlying'), { target: { value: 'BTC/USDT' } });
    await waitFor(() => expect(shownOrders()).toEqual(['order i-1-1', 'order i-1-0']));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(downloaded).toHaveLength(1);
    const lines = (await textOf(downloaded[0])).trim().split('\r\n');
    expect(lines[0]).toMatch(/^time,strategy,underlying,symbol,/);
    expect(lines.slice(1).map((l) => l.split(',').at(-1))).toEqual(['i-1-1', 'i-1-0']);
  });
});
