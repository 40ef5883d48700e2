/** One choice of a Mantine Select. */
export interface Choice {
  value: string;
  label: string;
}

/**
 * The choices, with the stored value put first when they lack it (a client outside the current
 * search, a person no longer active…): the field keeps showing what is saved instead of going blank.
 */
export function withCurrent(list: Choice[], value: string | null, label: string | null): Choice[] {
  return value && !list.some((o) => o.value === value) ? [{ value, label: label ?? value }, ...list] : list;
}
