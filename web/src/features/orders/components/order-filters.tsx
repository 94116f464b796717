import type { OrderStatus } from '../api/use-orders';
import { TIME_WINDOWS, isTimeWindowKey, type TimeWindowKey } from '../core/time-window';

/** The filters of the Orders page; empty strings mean "any". */
export interface OrderFilterValues {
  strategy: string;
  underlying: string;
  status: OrderStatus | '';
  window: TimeWindowKey;
}

export const NO_FILTER: OrderFilterValues = { strategy: '', underlying: '', status: '', window: 'all' };

const STATUSES = ['sent', 'filled', 'rejected'] as const satisfies readonly OrderStatus[];
const isStatus = (value: string): value is OrderStatus => (STATUSES as readonly string[]).includes(value);

/** One labelled `<select>` of the filter bar. */
function FilterSelect(props: {
  id: string;
  label: string;
  value: string;
  anyLabel: string | null;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <span className="order-filter">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.anyLabel !== null && <option value="">{props.anyLabel}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </span>
  );
}

const plain = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

/** Strategy, underlying, status and time: each narrows the orders on the server; they combine. */
export function OrderFilters(props: {
  values: OrderFilterValues;
  strategies: readonly string[];
  underlyings: readonly string[];
  onChange: (values: OrderFilterValues) => void;
}) {
  const { values, onChange } = props;
  // A chosen value stays listed even when no order has it any more (else the select would show another)
  const withChosen = (list: readonly string[], chosen: string) =>
    chosen === '' || list.includes(chosen) ? list : [...list, chosen];
  return (
    <div role="group" aria-label="Filters" className="order-filters">
      <FilterSelect
        id="orders-strategy"
        label="Strategy"
        value={values.strategy}
        anyLabel="All strategies"
        options={plain(withChosen(props.strategies, values.strategy))}
        onChange={(strategy) => onChange({ ...values, strategy })}
      />
      <FilterSelect
        id="orders-underlying"
        label="Underlying"
        value={values.underlying}
        anyLabel="All underlyings"
        options={plain(withChosen(props.underlyings, values.underlying))}
        onChange={(underlying) => onChange({ ...values, underlying })}
      />
      <FilterSelect
        id="orders-status"
        label="Status"
        value={values.status}
        anyLabel="Any status"
        options={plain(STATUSES)}
        onChange={(status) => onChange({ ...values, status: isStatus(status) ? status : '' })}
      />
      <FilterSelect
        id="orders-time"
        label="Time"
        value={values.window}
        anyLabel={null}
        options={TIME_WINDOWS.map((w) => ({ value: w.key, label: w.label }))}
        onChange={(window) => onChange({ ...values, window: isTimeWindowKey(window) ? window : 'all' })}
      />
      {(values.strategy !== '' ||
        values.underlying !== '' ||
        values.status !== '' ||
        values.window !== 'all') && (
        <button type="button" onClick={() => onChange(NO_FILTER)}>
          Clear filters
        </button>
      )}
    </div>
  );
}
