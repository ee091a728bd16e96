import { useEffect, useState } from "react";

/** The viewer's local time, filled in by the browser (the server does not know the zone). */
export function LocalTime({ iso }: { iso: string }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    setText(new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }));
  }, [iso]);
  return text ? <span>{text}</span> : <span className="muted">—</span>;
}
