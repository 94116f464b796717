import { ModalDialog } from '@/components/modal-dialog';
import { QUEUE_KEYS } from '../core/queue-keys';

/** The Desk's keys (`?`), each with what it does; Escape or Close shuts it. */
export function KeysHelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <ModalDialog title="Keys on the Desk" onClose={onClose}>
      <table className="keys-help">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">What it does</th>
          </tr>
        </thead>
        <tbody>
          {QUEUE_KEYS.map((k) => (
            <tr key={k.key}>
              <td>
                <kbd>{k.key}</kbd>
              </td>
              <td>{k.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="dialog-hint">
        Keys do nothing while you type in a field. Every action is also a button or a click on a row.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}
