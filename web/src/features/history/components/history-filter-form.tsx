import { type Ref, useState } from 'react';
import { EMPTY_HISTORY_FORM, type HistoryForm, STATUSES_OF } from '../core/history-filters';

const KIND_LABELS = { intent: 'Intents', decision: 'Decisions', order: 'Orders' } as const;

type TextField = 'strategy' | 'underlying' | 'action';
const TEXT_FIELDS: readonly [TextField, string, string][] = [
  ['strategy', 'Strategy', 'pq_vol_trader_btc'],
  ['underlying', 'Underlying', 'BTC/USDT'],
  ['action', 'Action', 'buy_straddle'],
];

/** From, To (in the zone of the header's UTC / Local choice) and what to list. */
function HistoryWhenFields({ form, set }: { form: HistoryForm; set: (patch: Partial<HistoryForm>) => void }) {
  return (
    <>
      <label className="history-field">
        <span>From</span>
        <input type="datetime-local" value={form.from} onChange={(e) => set({ from: e.target.value })} />
      </label>
      <label className="history-field">
        <span>To</span>
        <input type="datetime-local" value={form.to} onChange={(e) => set({ to: e.target.value })} />
      </label>
      <label className="history-field">
        <span>List</span>
        <select
          value={form.kind}
          onChange={(e) => set({ kind: e.target.value as HistoryForm['kind'], status: '' })}
        >
          {Object.entries(KIND_LABELS).map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

/** The History page's search form: what to list and the filters; Search (or Enter) runs it. */
export function HistoryFilterForm({
  onSearch,
  firstFieldRef,
}: {
  onSearch: (form: HistoryForm) => void;
  firstFieldRef: Ref<HTMLInputElement>;
}) {
  const [form, setForm] = useState<HistoryForm>(EMPTY_HISTORY_FORM);
  const set = (patch: Partial<HistoryForm>) => setForm((current) => ({ ...current, ...patch }));
  const textInput = ([field, label, example]: (typeof TEXT_FIELDS)[number]) => (
    <label key={field} className="history-field">
      <span>{label}</span>
      <input
        ref={field === 'strategy' ? firstFieldRef : undefined}
        value={form[field]}
        placeholder={example}
        maxLength={64}
        onChange={(e) => set({ [field]: e.target.value })}
      />
    </label>
  );
  return (
    <form
      role="search"
      aria-label="History search"
      className="history-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(form);
      }}
    >
      {TEXT_FIELDS.slice(0, 1).map(textInput)}
      <label className="history-field">
        <span>Status</span>
        <select value={form.status} onChange={(e) => set({ status: e.target.value })}>
          <option value="">any</option>
          {STATUSES_OF[form.kind].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {TEXT_FIELDS.slice(1).map(textInput)}
      <HistoryWhenFields form={form} set={set} />
      <button type="submit" className="history-search-button">
        Search
      </button>
    </form>
  );
}
