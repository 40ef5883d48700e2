/** `?, ?, ?` for an IN list of n bound values (values are always bound, never spliced into SQL). */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
