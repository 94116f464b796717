import type { FourEyesView } from '../core/four-eyes';

/** The four-eyes badge with its rule, and who approved first once someone did. */
export function FourEyesLine({ view }: { view: FourEyesView }) {
  return (
    <div className="four-eyes" aria-label="four-eyes">
      <span className="badge four-eyes-badge">Four-eyes</span>
      <span className="four-eyes-detail">{view.detail}</span>
      {view.awaiting !== null && <span className="four-eyes-awaiting">{view.awaiting}</span>}
    </div>
  );
}
