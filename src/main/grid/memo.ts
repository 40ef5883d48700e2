import type { Committed } from '../core/events';
import { canChange, sqlWords } from './dependencies';
import { canFollow, type Followable } from './deltas';

interface MemoEntry<T> {
  value: Promise<T>;
  words: ReadonlySet<string>;
  compute: () => Promise<T>;
  /** The answer once known (a write while it is still being computed drops the entry instead). */
  done?: { v: T };
  follow?: Followable;
}

/**
 * Answers that stay true until a write changes what their SQL reads: counts and group lists per
 * view. A write that does change one is followed by difference where it can (deltas.ts).
 */
export class Memo<T> {
  private readonly entries = new Map<string, MemoEntry<T>>();
  constructor(private readonly max = 200) {}

  /** `sql`: the query the answer comes from; its words say which writes can change it (dependencies.ts). */
  get(key: string, sql: string, compute: () => Promise<T>, follow?: Followable): Promise<T> {
    const found = this.entries.get(key);
    if (found) return found.value;
    if (this.entries.size >= this.max) this.entries.clear();
    const entry: MemoEntry<T> = { value: compute(), words: sqlWords(sql), compute, ...(follow ? { follow } : {}) };
    this.settle(key, entry);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** The answer, when it is known and still true. */
  peek(key: string): T | undefined {
    return this.entries.get(key)?.done?.v;
  }

  /**
   * A unit of work was committed: each answer it can change follows it by `step` when the answer
   * is known and can be followed, else is dropped. `step` answers the answer after the write when
   * it knows it at once (read at commit, deltas.ts), null at once when it cannot follow (drop), or
   * a promise, of null when it found out on the way (recompute). An answer still pending when the
   * next write lands is dropped: whether its reads saw that write is not known.
   */
  update(notice: Committed, step: (f: Followable, value: T, words: ReadonlySet<string>) => T | Promise<T | null> | null): void {
    for (const [key, e] of [...this.entries]) {
      if (!canChange(notice, e.words)) continue;
      const next = e.follow && e.done && canFollow(e.words) ? step(e.follow, e.done.v, e.words) : null;
      if (next === null) {
        this.entries.delete(key);
        continue;
      }
      if (!(next instanceof Promise)) {
        e.done = { v: next };
        e.value = Promise.resolve(next);
        continue;
      }
      delete e.done;
      e.value = next.then((v) => (v === null ? e.compute() : v));
      this.settle(key, e);
    }
  }

  clear(matching?: (key: string, words: ReadonlySet<string>) => boolean): void {
    if (!matching) return this.entries.clear();
    for (const [key, e] of [...this.entries]) if (matching(key, e.words)) this.entries.delete(key);
  }

  private settle(key: string, e: MemoEntry<T>): void {
    const value = e.value;
    value.then(
      (v) => {
        if (e.value === value) e.done = { v };
      },
      // A failure is not remembered: the next ask tries again.
      () => {
        if (this.entries.get(key)?.value === value) this.entries.delete(key);
      },
    );
  }
}
