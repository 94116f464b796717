import type { TradingScope, TradingState } from '@gamma/shared';
import { type FormEvent, useState } from 'react';
import { useDeskCoins, useSetTradingState } from '../api/use-trading-states';
import { ACTION_WORDS, scopeLabel } from '../core/trading-state-rows';

/**
 * The form of one control: the scope (the whole desk, a strategy or an underlying), a required reason, and
 * for a halt a confirm step before the mutation is sent.
 */
export function TradingStateForm(props: { target: TradingState; onClose: () => void }) {
  const { target } = props;
  const coins = useDeskCoins();
  const set = useSetTradingState();
  const [scope, setScope] = useState<TradingScope>('global');
  const [typedKey, setTypedKey] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const key =
    scope === 'global' ? null : scope === 'strategy' ? typedKey.trim() : typedKey || (coins[0] ?? '');
  const ready = reason.trim() !== '' && key !== '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    if (target === 'HALTED' && !confirming) return setConfirming(true);
    set.mutate(
      { scope, ...(key === null ? {} : { key }), state: target, reason: reason.trim() },
      { onSuccess: props.onClose },
    );
  };
  if (confirming)
    return (
      <ConfirmHalt
        what={scopeLabel({ scope, key })}
        busy={set.isPending}
        onSubmit={submit}
        onBack={() => setConfirming(false)}
      />
    );
  const words = ACTION_WORDS[target];
  return (
    <form className="ts-form" aria-label={`${words.button} form`} onSubmit={submit}>
      <ScopeFields
        scope={scope}
        keyValue={scope === 'strategy' ? typedKey : (key ?? '')}
        coins={coins}
        onScope={(s) => {
          setScope(s);
          setTypedKey('');
        }}
        onKey={setTypedKey}
      />
      <ReasonField value={reason} onChange={setReason} />
      <button
        type="submit"
        className={target === 'ACTIVE' ? 'ok' : 'danger'}
        disabled={!ready || set.isPending}
      >
        {words.submit}
      </button>
      <button type="button" onClick={props.onClose}>
        Cancel
      </button>
    </form>
  );
}

/** The required reason. */
function ReasonField(props: { value: string; onChange: (reason: string) => void }) {
  return (
    <label>
      Reason
      <input
        type="text"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder="why (required)"
        autoFocus
      />
    </label>
  );
}

/** The confirm step of a halt. */
function ConfirmHalt(props: {
  what: string;
  busy: boolean;
  onSubmit: (e: FormEvent) => void;
  onBack: () => void;
}) {
  return (
    <form className="ts-form ts-confirm" aria-label="Confirm halt" onSubmit={props.onSubmit}>
      <span>
        Halt {props.what}? Nothing but protective hedges will trade, and every pending approval under it is
        vetoed.
      </span>
      <button type="submit" className="danger" disabled={props.busy}>
        Confirm halt
      </button>
      <button type="button" onClick={props.onBack}>
        Back
      </button>
    </form>
  );
}

/** Which scope: the whole desk, a strategy by id, or one of the desk's underlyings. */
function ScopeFields(props: {
  scope: TradingScope;
  keyValue: string;
  coins: readonly string[];
  onScope: (scope: TradingScope) => void;
  onKey: (key: string) => void;
}) {
  return (
    <>
      <label>
        Scope
        <select value={props.scope} onChange={(e) => props.onScope(e.target.value as TradingScope)}>
          <option value="global">whole desk</option>
          <option value="strategy">strategy</option>
          <option value="underlying">underlying</option>
        </select>
      </label>
      {props.scope === 'strategy' && (
        <label>
          Strategy
          <input
            type="text"
            value={props.keyValue}
            onChange={(e) => props.onKey(e.target.value)}
            placeholder="strategy id, e.g. pq_vol_trader_btc"
          />
        </label>
      )}
      {props.scope === 'underlying' && (
        <label>
          Underlying
          <select value={props.keyValue} onChange={(e) => props.onKey(e.target.value)}>
            {props.coins.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}
