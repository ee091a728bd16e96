// Raw rows, typed once (docs/decisions/012-reading-data.md). What a driver hands back for a
// column depends on the driver, not on the query: through Prisma's SQLite adapter COUNT(*) is a
// bigint, a DateTime column a Date and a Boolean a boolean; the bare better-sqlite3 connection
// gives integers as numbers and dates as ISO text; PostgreSQL (issue 13) gives bigint for
// COUNT and SUM as well. Each raw query declares its row shape with these decoders, and every
// difference between drivers is absorbed here rather than in each file.

/** A raw row that does not have the shape its query declares: a bug, or a database the code does not match. */
export class RowShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RowShapeError";
  }
}

/** Turns one column's raw value into its JS type, or throws RowShapeError naming what it expected. */
export type Decoder<T> = (value: unknown) => T;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "no such column";
  if (value instanceof Date) return "a Date";
  const text = typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : String(value);
  return `${typeof value} ${text}`;
}

const expected = (what: string, value: unknown): never => {
  throw new RowShapeError(`expected ${what}, got ${describe(value)}`);
};

const text: Decoder<string> = (v) => (typeof v === "string" ? v : expected("text", v));

/** Integers: bigint (COUNT, SUM, PostgreSQL's int8) and number alike, within the safe range. */
const int: Decoder<number> = (v) => {
  if (typeof v === "number" && Number.isSafeInteger(v)) return v;
  if (typeof v === "bigint" && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER)) return Number(v);
  return expected("an integer", v);
};

/** SQLite keeps booleans as 0/1; Prisma's adapter and PostgreSQL give true/false. */
const bool: Decoder<boolean> = (v) => {
  if (typeof v === "boolean") return v;
  if (v === 0 || v === 1 || v === BigInt(0) || v === BigInt(1)) return Number(v) === 1;
  return expected("a boolean", v);
};

/** A DateTime: a Date from Prisma (and PostgreSQL), ISO text from the bare SQLite connection. */
const date: Decoder<Date> = (v) => {
  const d = v instanceof Date ? v : typeof v === "string" ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d : expected("a date-time", v);
};

// How Prisma writes a DateTime into SQLite's text column: "2026-01-02T03:04:05.678+00:00".
const STORED_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/;

/** A DateTime as ISO 8601 UTC text ("…T03:04:05.678Z"), without a Date on the common path (exports of a million rows). */
const instant: Decoder<string> = (v) => (typeof v === "string" && STORED_UTC.test(v) ? `${v.slice(0, 23)}Z` : date(v).toISOString());

const orNull =
  <T>(decode: Decoder<T>): Decoder<T | null> =>
  (v) =>
    v === null ? null : decode(v);

/** One of a vocabulary's codes (the CHECK constraints keep others out; one that gets in is reported, not passed on). */
function oneOf<const V extends string>(values: readonly V[]): Decoder<V> {
  const isCode = (v: unknown): v is V => values.some((code) => code === v);
  return (v) => (isCode(v) ? v : expected(`one of ${values.join(", ")}`, v));
}

export const column = {
  text,
  textOrNull: orNull(text),
  int,
  intOrNull: orNull(int),
  bool,
  date,
  dateOrNull: orNull(date),
  instant,
  instantOrNull: orNull(instant),
  oneOf,
  oneOfOrNull: <const V extends string>(values: readonly V[]) => orNull(oneOf(values)),
};

type Shape = Record<string, Decoder<unknown>>;
export type RowOf<S extends Shape> = { [K in keyof S]: S[K] extends Decoder<infer T> ? T : never };

export type RowParser<R> = {
  /** Every row of a raw result. */
  rows(raw: unknown): R[];
  /** The only row of a result that always has one (COUNT, MAX). */
  one(raw: unknown): R;
  /** One row from a driver (better-sqlite3's `.get()`), or undefined when there was none. */
  optional(raw: unknown): R | undefined;
};

/**
 * A parser for one row shape. `name` says which query a failure came from: "proposal list
 * row: column "status": expected one of proposed, …, got string "bogus"". A column the query
 * does not return fails the same way, which is how a misspelt (or, on PostgreSQL, unquoted and
 * so lower-cased) alias shows up.
 */
export function rowParser<S extends Shape>(name: string, shape: S): RowParser<RowOf<S>> {
  const keys = Object.keys(shape);
  const decoders = keys.map((k) => shape[k]);
  const parse = (raw: unknown): RowOf<S> => {
    if (typeof raw !== "object" || raw === null) throw new RowShapeError(`${name}: expected a row, got ${describe(raw)}`);
    const out: Record<string, unknown> = {};
    let i = 0;
    try {
      for (; i < keys.length; i++) out[keys[i]] = decoders[i](Reflect.get(raw, keys[i]));
    } catch (error) {
      if (error instanceof RowShapeError) throw new RowShapeError(`${name}: column "${keys[i]}": ${error.message}`);
      throw error;
    }
    // Every key of the shape was decoded by its own decoder just above.
    return out as RowOf<S>;
  };
  return {
    rows(raw) {
      if (!Array.isArray(raw)) throw new RowShapeError(`${name}: expected rows, got ${describe(raw)}`);
      return raw.map(parse);
    },
    one(raw) {
      if (!Array.isArray(raw) || raw.length !== 1) throw new RowShapeError(`${name}: expected exactly one row`);
      return parse(raw[0]);
    },
    optional(raw) {
      return raw === undefined ? undefined : parse(raw);
    },
  };
}
