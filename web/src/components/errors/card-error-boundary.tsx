import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useNotificationsStore } from '@/stores/notifications-store';

interface Props {
  /** The card's name, shown if it breaks */
  name: string;
  children: ReactNode;
}

/** Keeps one broken card from blanking the console: the card shows its error, the rest keeps running. */
export class CardErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override componentDidCatch(error: Error, _info: ErrorInfo): void {
    useNotificationsStore.getState().push({ kind: 'error', text: `${this.props.name}: ${error.message}` });
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <section aria-label={this.props.name} className="card broken">
        <h2 className="card-title">{this.props.name}</h2>
        <p className="error">this card failed: {this.state.error.message}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Retry
        </button>
      </section>
    );
  }
}
