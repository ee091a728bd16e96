// Three-way merge for the conflict view: base (what the form was read with), mine (what the
// user submitted), theirs (what is saved now). Pure; safe for the browser.

export type FormValues = Record<string, string | string[] | null | undefined>;

const same = (a: unknown, b: unknown) => JSON.stringify(normal(a)) === JSON.stringify(normal(b));
function normal(v: unknown): unknown {
  if (Array.isArray(v)) return [...v].map(String).sort();
  if (v === undefined || v === null) return "";
  return String(v);
}

/**
 * Fields the user did not touch take the saved value; fields they changed keep their input.
 * `both` lists fields changed on both sides to different values: the user's input is kept and
 * the page points them out.
 */
export function mergeForConflict(fields: readonly string[], base: FormValues, mine: FormValues, theirs: FormValues) {
  const merged: FormValues = {};
  const both: string[] = [];
  for (const f of fields) {
    const touched = !same(mine[f], base[f]);
    const changedByThem = !same(theirs[f], base[f]);
    merged[f] = touched ? mine[f] : theirs[f];
    if (touched && changedByThem && !same(mine[f], theirs[f])) both.push(f);
  }
  return { merged, both };
}
