import type { ReactNode } from 'react';

/** A console card: a labelled `<section>` (the e2e specs find cards by this label). */
export function Card(props: { label: string; title?: string; className?: string; children: ReactNode }) {
  return (
    <section aria-label={props.label} className={`card ${props.className ?? ''}`.trim()}>
      <h2 className="card-title">{props.title ?? props.label}</h2>
      {props.children}
    </section>
  );
}
