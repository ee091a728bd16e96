/**
 * An enum's values as an ordered array, checked both ways at compile time: every value must be
 * listed (a missing one is named in the error, as a required extra argument) and nothing else.
 * `listing<Status>()(["proposed", …])`.
 */
export function listing<E extends string>() {
  return <const A extends readonly E[]>(values: A, ..._complete: Exclude<E, A[number]> extends never ? [] : [missing: Exclude<E, A[number]>]): A => values;
}
