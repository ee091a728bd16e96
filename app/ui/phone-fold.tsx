// What a phone folds away so that a page's results start on its first screen (issue 12): the
// list's and the board's filters, the bulk changes. A <details>, so it opens and closes without
// JavaScript; from 701 px up the stylesheet shows its content whether it is open or not and hides
// the summary, as the site menu does from 1200 px.

export function PhoneFold({ summary, open, className, children }: { summary: React.ReactNode; open?: boolean; className?: string; children: React.ReactNode }) {
  return (
    <details className={`phone-fold${className ? ` ${className}` : ""}`} open={open || undefined}>
      <summary className="phone-fold-toggle">{summary}</summary>
      {children}
    </details>
  );
}
