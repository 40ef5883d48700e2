/*
 * The changes a snapshot of a view's order has seen since it was built (snapshots.ts), kept
 * beside it instead of rebuilding it: the positions of rows that left it or moved, and the rows
 * that came in or moved, each placed after a position of the snapshot (its anchor). The view is
 * then the snapshot without the removed positions, each added row after its anchor:
 *
 *   block 0 = added rows anchored at 0; block s = the row at s (unless removed), then the
 *   added rows anchored at s; added rows with one anchor are kept in the view's order.
 *
 * Pure bookkeeping: where a row goes is found by the caller (a binary search over the snapshot
 * in SQL); here a window of the view is mapped to snapshot positions and added rows.
 */

export interface Added {
  /** The row (an interventions rowid). */
  r: number;
  /** The snapshot position it comes after (0: before the first). */
  anchor: number;
}

/** One row of a window: a snapshot position, or an added row. */
export type Item = { pos: number } | { r: number };

export class Overlay {
  /** Snapshot positions no longer shown, ascending. */
  private removedPositions: number[] = [];
  /** Rows whose snapshot position was removed (they left the view or moved). */
  private readonly movedRows = new Set<number>();
  /** Rows shown elsewhere than their snapshot position or not in the snapshot, in view order. */
  private addedRows: Added[] = [];
  private anchors: number[] = [];

  constructor(readonly n: number) {}

  get size(): number {
    return this.removedPositions.length + this.addedRows.length;
  }

  get total(): number {
    return this.n - this.removedPositions.length + this.addedRows.length;
  }

  get removed(): readonly number[] {
    return this.removedPositions;
  }

  get added(): readonly Added[] {
    return this.addedRows;
  }

  /** Whether the row's snapshot position (if it has one) is already taken out. */
  hasMoved(r: number): boolean {
    return this.movedRows.has(r);
  }

  /** Takes a row out of the view: its added entry, or its snapshot position `pos`. */
  remove(r: number, pos: number | undefined): void {
    const i = this.addedRows.findIndex((a) => a.r === r);
    if (i >= 0) {
      this.addedRows.splice(i, 1);
      this.anchors.splice(i, 1);
    }
    if (pos === undefined || this.movedRows.has(r)) return;
    this.movedRows.add(r);
    this.removedPositions.splice(lowerBound(this.removedPositions, pos), 0, pos);
  }

  /**
   * The added rows, placed and in view order (the caller sorted them with the view's ORDER BY).
   * False when the anchors do not rise with that order: the bookkeeping no longer matches the
   * data, and the snapshot must be rebuilt.
   */
  setAdded(rows: Added[]): boolean {
    for (let i = 1; i < rows.length; i++) if (rows[i]!.anchor < rows[i - 1]!.anchor) return false;
    this.addedRows = rows;
    this.anchors = rows.map((x) => x.anchor);
    return true;
  }

  /** Rows of the view from `position` (0-based), at most `limit`. */
  window(position: number, limit: number): Item[] {
    const out: Item[] = [];
    if (limit <= 0 || position >= this.total) return out;
    const added = this.addedRows;
    // The block holding item `position`: the last whose start is at or before it.
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.blockStart(mid) <= position) lo = mid;
      else hi = mid - 1;
    }
    let skip = position - this.blockStart(lo);
    let a = lowerBound(this.anchors, lo);
    let removedAt = lowerBound(this.removedPositions, lo);
    for (let s = lo; s <= this.n && out.length < limit; s++) {
      if (s > 0) {
        while (removedAt < this.removedPositions.length && this.removedPositions[removedAt]! < s) removedAt++;
        if (this.removedPositions[removedAt] !== s) {
          if (skip > 0) skip--;
          else out.push({ pos: s });
        }
      }
      while (a < added.length && added[a]!.anchor === s && out.length < limit) {
        if (skip > 0) skip--;
        else out.push({ r: added[a]!.r });
        a++;
      }
    }
    return out;
  }

  /** Items before block s: blocks 0..s-1. */
  private blockStart(s: number): number {
    if (s === 0) return 0;
    return s - 1 - lowerBound(this.removedPositions, s) + lowerBound(this.anchors, s);
  }
}

/** The first index whose value is not below `v` (the list ascending). */
function lowerBound(list: readonly number[], v: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
