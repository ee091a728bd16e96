import type { ReactNode } from "react";

/** The head of every page: a small line above the title, the title, and the page's actions at the side. */
export function PageHeader({ eyebrow, title, meta, children }: { eyebrow: ReactNode; title: ReactNode; meta?: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-head">
      <div>
        <p className="eyebrow">{eyebrow}</p>
        <h1>{title}</h1>
        {meta ? <p className="actions">{meta}</p> : null}
      </div>
      {children}
    </div>
  );
}
