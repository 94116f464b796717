import type { KeyboardEvent, Ref } from 'react';

/** The Desk's bar above the queue: the filter (`/`), the keys help (`?`), and what the last key did. */
export function DeskToolbar({
  filter,
  onFilter,
  filterRef,
  onHelp,
  message,
}: {
  filter: string;
  onFilter: (text: string) => void;
  filterRef: Ref<HTMLInputElement>;
  onHelp: () => void;
  message: string;
}) {
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // Escape clears the filter and hands the keys back to the Desk; Enter just hands them back
    if (e.key === 'Escape') onFilter('');
    if (e.key === 'Escape' || e.key === 'Enter') e.currentTarget.blur();
  };
  return (
    <div className="desk-toolbar">
      <label className="desk-filter">
        Filter
        <input
          ref={filterRef}
          type="search"
          value={filter}
          onChange={(e) => onFilter(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="strategy, action, underlying…  ( / )"
        />
      </label>
      <p role="status" aria-label="Desk message" className="desk-say">
        {message}
      </p>
      <button type="button" className="keys-button" onClick={onHelp} aria-keyshortcuts="?">
        Keys <kbd>?</kbd>
      </button>
    </div>
  );
}
