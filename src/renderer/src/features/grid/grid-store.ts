import type { GridRow } from '../../../../shared/grid/columns';
import type { GridGroup, GridGroupSize, GridView } from '../../../../shared/grid/query';
import type { ApiClient } from '../../api/client';
import { toCallError, type CallError } from '../../api/errors';
import { buildLines, groupWindowsIn, lineAt, lineOfRow, pathKey, type Line, type LineModel, type Path } from './line-model';

/** What the grid shows: the view sent to the server, how many group levels are inline, and for a flat list the path of its rows. */
export interface StoreConfig {
  view: GridView;
  /** Group levels shown inline as header rows (0: a flat list). */
  depth: number;
  /** Flat list: [] for every row of the view, or a tree leaf's full path. */
  rootPath: Path;
}

export const PAGE_SIZE = 100;
/** Pages kept beyond the ones in view; the rest are dropped, oldest use first. */
const MAX_PAGES = 40;
const MAX_IN_FLIGHT = 3;
/** Lines fetched ahead of and behind the ones in view. */
const PREFETCH_LINES = 30;
/** How long a row that left the rows on screen (a write elsewhere) stays, marked, before it goes. */
const LEAVE_MS = 900;

interface Page {
  rows: GridRow[];
  epoch: number;
  lastUsed: number;
}

interface PageRef {
  key: string;
  path: Path;
  page: number;
}

const pageKey = (path: Path, page: number) => `${pathKey(path)}#${page}`;

/** Groups asked at a time: a status's 50,000 client groups open with the first 200. */
const GROUP_WINDOW = 200;

/** The groups of one level below a path: the windows here, and its size once known. */
interface Level {
  windows: Map<number, { groups: GridGroup[]; epoch: number }>;
  size: GridGroupSize | null;
  sizeEpoch: number;
}

/**
 * The grid's data outside React: group lists, expanded groups and pages of rows fetched by
 * position on demand. Components read it during render and subscribe to its version.
 *
 * `generation` changes with the view (answers for an older view are dropped); `epoch` changes
 * on refresh (older data stays on screen until the new answer replaces it, so a live update
 * never blanks the grid or moves the scroll position).
 */
export class GridStore {
  private config: StoreConfig | null = null;
  private configKey = '';
  private generation = 0;
  private epoch = 0;
  private readonly groups = new Map<string, Level>();
  /** Windows (`path#w`) and sizes (`path#size`) on their way, by the epoch they were asked in. */
  private readonly groupsLoading = new Map<string, number>();
  private readonly expanded = new Set<string>();
  private rootCount: number | null = null;
  private readonly pages = new Map<string, Page>();
  private readonly inflight = new Map<string, number>();
  private readonly failed = new Set<string>();
  /** Pages whose new content waits while rows that left it are shown marked. */
  private readonly holding = new Set<string>();
  private readonly leavingIds = new Set<string>();
  private wanted: PageRef[] = [];
  /** The lines on screen, from the last ensureVisible. */
  private visible: [number, number] = [0, -1];
  private useClock = 0;
  private model: LineModel = { segments: [], size: 0 };
  /** Lines of a view since sorted anew: their rows may stay on screen until the new order's come. */
  private readonly resorted = new WeakSet<LineModel>();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  /** The last failure, until the next successful answer. */
  error: CallError | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly pageSize = PAGE_SIZE,
    private readonly leaveMs = LEAVE_MS,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private emit(): void {
    this.version++;
    for (const l of [...this.listeners]) l();
  }

  /**
   * What the window around the grid shows (the count, the error), as one value: it re-renders
   * when that changes, not on every page that arrives.
   */
  getSummary = (): string => `${this.generation}|${this.total ?? ''}|${this.error?.message ?? ''}`;

  /** The configuration the data belongs to (JSON), to tell a stale count from a current one. */
  get configId(): string {
    return this.configKey;
  }

  get lines(): LineModel {
    return this.model;
  }

  get depth(): number {
    return this.config?.depth ?? 0;
  }

  /** Something is being fetched. */
  get busy(): boolean {
    return this.inflight.size > 0 || this.groupsLoading.size > 0;
  }

  /** Known before any row arrives: a flat list's row count, or null while the first page loads. */
  get loadedOnce(): boolean {
    if (!this.config) return false;
    return this.config.depth === 0 ? this.rootCount !== null : this.groups.has(pathKey([]));
  }

  /** Interventions in the view: the flat list's count, or the top-level groups' sum. */
  get total(): number | null {
    if (!this.config) return null;
    if (this.config.depth === 0) return this.rootCount;
    return this.groups.get(pathKey([]))?.size?.rows ?? null;
  }

  setConfig(config: StoreConfig): void {
    const key = JSON.stringify(config);
    if (key === this.configKey) return;
    const groupingChanged =
      !this.config ||
      this.config.depth !== config.depth ||
      JSON.stringify(this.config.view.groupBy) !== JSON.stringify(config.view.groupBy) ||
      pathKey(this.config.rootPath) !== pathKey(config.rootPath);
    // A new sort of the same rows keeps their count: the grid keeps its size and scroll range
    // instead of collapsing to a loading state and re-measuring a million lines twice.
    const sameRows = !groupingChanged && this.config !== null && JSON.stringify({ ...this.config.view, sort: [] }) === JSON.stringify({ ...config.view, sort: [] });
    if (sameRows) this.resorted.add(this.model);
    this.config = config;
    this.configKey = key;
    this.generation++;
    this.groups.clear();
    this.groupsLoading.clear();
    this.pages.clear();
    this.inflight.clear();
    this.failed.clear();
    this.holding.clear();
    this.leavingIds.clear();
    this.wanted = [];
    if (!sameRows || config.depth > 0) this.rootCount = null;
    this.error = null;
    if (groupingChanged) this.expanded.clear();
    this.rebuild();
    this.start();
    this.emit();
  }

  /** Forgets the view and its data (a tree panel that closed): the next setConfig loads afresh. */
  clear(): void {
    if (!this.config) return;
    this.config = null;
    this.configKey = '';
    this.generation++;
    this.groups.clear();
    this.groupsLoading.clear();
    this.pages.clear();
    this.inflight.clear();
    this.failed.clear();
    this.holding.clear();
    this.leavingIds.clear();
    this.wanted = [];
    this.rootCount = null;
    this.error = null;
    this.rebuild();
    this.emit();
  }

  private start(): void {
    const c = this.config;
    if (!c) return;
    if (c.depth > 0) {
      this.loadWindow([], 0);
      for (const k of this.expanded) {
        const path = JSON.parse(k) as Path;
        if (path.length < c.depth) this.loadWindow(path, 0);
      }
    } else {
      this.fetchPage({ key: pageKey(c.rootPath, 0), path: c.rootPath, page: 0 });
    }
  }

  /** Everything again, keeping what is shown until the new answers arrive. */
  refresh(): void {
    const c = this.config;
    if (!c) return;
    this.epoch++;
    this.failed.clear();
    this.error = null;
    const keep = new Set(this.wanted.map((w) => w.key));
    for (const k of [...this.pages.keys()]) if (!keep.has(k)) this.pages.delete(k);
    if (c.depth > 0) {
      // The windows in view come again (with their level's size); the others when next in view.
      const inView = this.pumpGroups();
      for (const k of [...this.groups.keys()]) {
        const path = JSON.parse(k) as Path;
        if (path.length > 0 && !this.isReachable(path)) this.groups.delete(k);
        else if (!inView.has(k)) this.loadSize(path);
      }
      if (!this.groups.has(pathKey([]))) this.loadWindow([], 0);
    } else if (this.wanted.length === 0) {
      this.fetchPage({ key: pageKey(c.rootPath, 0), path: c.rootPath, page: 0 });
    }
    this.pump();
    this.emit();
  }

  private isReachable(path: Path): boolean {
    for (let i = 1; i <= path.length; i++) if (!this.expanded.has(pathKey(path.slice(0, i)))) return false;
    return true;
  }

  private level(path: Path): Level {
    const key = pathKey(path);
    let level = this.groups.get(key);
    if (!level) {
      level = { windows: new Map(), size: null, sizeEpoch: -1 };
      this.groups.set(key, level);
    }
    return level;
  }

  /** Asks window `w` of the groups below `path`. */
  private loadWindow(path: Path, w: number): void {
    const c = this.config;
    if (!c) return;
    const key = `${pathKey(path)}#${w}`;
    if (this.groupsLoading.get(key) === this.epoch) return;
    const generation = this.generation;
    const epoch = this.epoch;
    this.groupsLoading.set(key, epoch);
    this.api.call('interventions.grid.groupWindow', { view: c.view, path: [...path], offset: w * GROUP_WINDOW, limit: GROUP_WINDOW }).then(
      ({ groups, size }) => {
        if (generation !== this.generation) return;
        if (this.groupsLoading.get(key) === epoch) this.groupsLoading.delete(key);
        const level = this.level(path);
        const have = level.windows.get(w);
        if (!have || have.epoch <= epoch) level.windows.set(w, { groups, epoch });
        if (size && level.sizeEpoch <= epoch) {
          level.size = size;
          level.sizeEpoch = epoch;
        } else if (level.sizeEpoch < epoch) {
          this.loadSize(path);
        }
        this.error = null;
        this.rebuild();
        this.emit();
      },
      (e: unknown) => this.groupsFailed(generation, key, epoch, e),
    );
  }

  /** Asks how many groups are below `path` (the server counts them while the first window shows). */
  private loadSize(path: Path): void {
    const c = this.config;
    if (!c) return;
    const key = `${pathKey(path)}#size`;
    if (this.groupsLoading.get(key) === this.epoch) return;
    const generation = this.generation;
    const epoch = this.epoch;
    this.groupsLoading.set(key, epoch);
    this.api.call('interventions.grid.groupSize', { view: c.view, path: [...path] }).then(
      (size) => {
        if (generation !== this.generation) return;
        if (this.groupsLoading.get(key) === epoch) this.groupsLoading.delete(key);
        const level = this.level(path);
        if (level.sizeEpoch <= epoch) {
          level.size = size;
          level.sizeEpoch = epoch;
        }
        this.error = null;
        this.rebuild();
        this.emit();
      },
      (e: unknown) => this.groupsFailed(generation, key, epoch, e),
    );
  }

  private groupsFailed(generation: number, key: string, epoch: number, e: unknown): void {
    if (generation !== this.generation) return;
    if (this.groupsLoading.get(key) === epoch) this.groupsLoading.delete(key);
    this.error = toCallError(e);
    this.emit();
  }

  /**
   * Asks the group windows the lines in view (and around) show or wait for, when missing or
   * older than the last refresh. Answers the levels that have a window there.
   */
  private pumpGroups(): Set<string> {
    const levels = new Set<string>();
    if (!this.config || this.config.depth === 0 || this.model.size === 0) return levels;
    const [first, last] = this.visible;
    const lo = Math.max(0, first - PREFETCH_LINES);
    const hi = Math.min(this.model.size - 1, Math.max(last, first) + PREFETCH_LINES);
    for (const { path, window } of groupWindowsIn(this.model, lo, hi)) {
      const key = pathKey(path);
      levels.add(key);
      const have = this.groups.get(key)?.windows.get(window);
      if (!have || have.epoch < this.epoch) this.loadWindow(path, window);
    }
    return levels;
  }

  isExpanded(path: Path): boolean {
    return this.expanded.has(pathKey(path));
  }

  setExpanded(path: Path, open: boolean): void {
    const key = pathKey(path);
    if (open === this.expanded.has(key)) return;
    if (open) {
      this.expanded.add(key);
      if (path.length < this.depth && !this.groups.has(key)) this.loadWindow(path, 0);
    } else {
      this.expanded.delete(key);
    }
    this.rebuild();
    this.emit();
  }

  toggle(path: Path): void {
    this.setExpanded(path, !this.isExpanded(path));
  }

  collapseAll(): void {
    if (this.expanded.size === 0) return;
    this.expanded.clear();
    this.rebuild();
    this.emit();
  }

  private rebuild(): void {
    const c = this.config;
    if (!c) {
      this.model = { segments: [], size: 0 };
      return;
    }
    this.model = buildLines({
      depth: c.depth,
      groups: (p) => {
        const level = this.groups.get(pathKey(p));
        return level && { size: level.size?.groups ?? null, windowSize: GROUP_WINDOW, window: (w) => level.windows.get(w)?.groups };
      },
      expanded: (p) => this.expanded.has(pathKey(p)),
      rootCount: this.rootCount,
      rootPath: c.rootPath,
    });
  }

  /** The lines were of the same rows in another order (the view was sorted anew since). */
  resortedFrom(model: LineModel): boolean {
    return this.resorted.has(model);
  }

  line(index: number): Line | undefined {
    return lineAt(this.model, index);
  }

  /** A loaded row, or undefined while its page is on its way. */
  row(path: Path, position: number): GridRow | undefined {
    const page = this.pages.get(pageKey(path, Math.floor(position / this.pageSize)));
    if (!page) return undefined;
    page.lastUsed = ++this.useClock;
    return page.rows[position % this.pageSize];
  }

  /** A loaded row by id (the freshest copy: its version is what a write must send). */
  rowById(id: string): GridRow | undefined {
    for (const page of this.pages.values()) {
      const row = page.rows.find((r) => r.id === id);
      if (row) return row;
    }
    return undefined;
  }

  /** The line a loaded row is on (to keep the selection on it after a refresh), or -1. */
  lineOfRowId(id: string): number {
    for (const [key, page] of this.pages) {
      const i = page.rows.findIndex((r) => r.id === id);
      if (i < 0) continue;
      const hash = key.lastIndexOf('#');
      const path = JSON.parse(key.slice(0, hash)) as Path;
      const line = lineOfRow(this.model, path, Number(key.slice(hash + 1)) * this.pageSize + i);
      if (line >= 0) return line;
    }
    return -1;
  }

  /** Lines first..last are in view: fetch what they need (and a little around), drop far pages. */
  ensureVisible(first: number, last: number): void {
    if (!this.config || this.model.size === 0) {
      this.wanted = [];
      return;
    }
    this.visible = [first, last];
    const from = Math.max(0, first - PREFETCH_LINES);
    const to = Math.min(this.model.size - 1, last + PREFETCH_LINES);
    const wanted: PageRef[] = [];
    const seen = new Set<string>();
    // In view first, then the prefetch margin.
    const add = (lo: number, hi: number) => {
      for (const s of this.model.segments) {
        if (s.kind !== 'rows') continue;
        const a = Math.max(lo, s.start);
        const b = Math.min(hi, s.start + s.count - 1);
        if (a > b) continue;
        for (let p = Math.floor((a - s.start) / this.pageSize); p <= Math.floor((b - s.start) / this.pageSize); p++) {
          const key = pageKey(s.path, p);
          if (seen.has(key)) continue;
          seen.add(key);
          wanted.push({ key, path: s.path, page: p });
        }
      }
    };
    add(Math.max(0, first), Math.min(this.model.size - 1, last));
    add(from, to);
    this.wanted = wanted;
    this.pump();
    this.pumpGroups();
    this.evict();
  }

  private pump(): void {
    for (const ref of this.wanted) {
      if (this.inflight.size >= MAX_IN_FLIGHT) return;
      if (this.inflight.has(ref.key) || this.failed.has(ref.key) || this.holding.has(ref.key)) continue;
      const page = this.pages.get(ref.key);
      if (page && page.epoch === this.epoch) continue;
      this.fetchPage(ref);
    }
  }

  private fetchPage(ref: PageRef): void {
    const c = this.config;
    if (!c || this.inflight.has(ref.key)) return;
    const generation = this.generation;
    const epoch = this.epoch;
    this.inflight.set(ref.key, epoch);
    this.api.call('interventions.grid.rows', { view: c.view, path: [...ref.path], position: ref.page * this.pageSize, limit: this.pageSize }).then(
      (result) => {
        if (generation !== this.generation) return;
        this.inflight.delete(ref.key);
        const gone = this.leftFrom(ref, result.rows, epoch);
        if (gone.length === 0) return this.adoptPage(ref, result, epoch);
        // Rows that left the page stay a moment, marked, so the operator sees what went.
        this.holding.add(ref.key);
        for (const id of gone) this.leavingIds.add(id);
        this.emit();
        setTimeout(() => {
          if (generation !== this.generation) return;
          this.holding.delete(ref.key);
          for (const id of gone) this.leavingIds.delete(id);
          this.adoptPage(ref, result, epoch);
        }, this.leaveMs);
      },
      (e: unknown) => {
        if (generation !== this.generation) return;
        this.inflight.delete(ref.key);
        this.failed.add(ref.key);
        this.error = toCallError(e);
        this.emit();
      },
    );
  }

  private adoptPage(ref: PageRef, result: { rows: GridRow[]; total: number }, epoch: number): void {
    const have = this.pages.get(ref.key);
    if (!have || have.epoch <= epoch) this.pages.set(ref.key, { rows: result.rows, epoch, lastUsed: ++this.useClock });
    this.error = null;
    if (result.total >= 0) this.adoptTotal(ref.path, result.total);
    this.evict();
    this.emit();
    this.pump();
  }

  /**
   * Rows on screen that a refreshed page no longer has, and no other refreshed page shows: they
   * left the view, or moved out of sight. Only for a refresh (not a first load).
   */
  private leftFrom(ref: PageRef, rows: GridRow[], epoch: number): string[] {
    const have = this.pages.get(ref.key);
    if (!have || have.epoch >= epoch || this.leaveMs <= 0) return [];
    const [first, last] = this.visible;
    const now = new Set(rows.map((r) => r.id));
    const elsewhere = (id: string) => [...this.pages].some(([k, p]) => k !== ref.key && p.epoch === epoch && p.rows.some((r) => r.id === id));
    return have.rows
      .filter((r, i) => {
        const line = lineOfRow(this.model, ref.path, ref.page * this.pageSize + i);
        return line >= first && line <= last && !now.has(r.id) && !elsewhere(r.id);
      })
      .map((r) => r.id);
  }

  /** Whether a row shown is about to go (it left the view): drawn marked. */
  isLeaving(id: string): boolean {
    return this.leavingIds.has(id);
  }

  /** A page knows the row count of its path: the flat list's size, or a correction of a group's count. */
  private adoptTotal(path: Path, total: number): void {
    const c = this.config;
    if (!c) return;
    if (c.depth === 0) {
      if (pathKey(path) === pathKey(c.rootPath) && this.rootCount !== total) {
        this.rootCount = total;
        this.rebuild();
      }
      return;
    }
    const parent = this.groups.get(pathKey(path.slice(0, -1)));
    if (!parent) return;
    const last = path[path.length - 1];
    for (const [w, win] of parent.windows) {
      const i = win.groups.findIndex((g) => g.key === last);
      if (i < 0) continue;
      if (win.groups[i]!.count === total) return;
      const groups = win.groups.slice();
      groups[i] = { ...groups[i]!, count: total };
      parent.windows.set(w, { groups, epoch: win.epoch });
      this.rebuild();
      return;
    }
  }

  private evict(): void {
    if (this.pages.size <= MAX_PAGES) return;
    const keep = new Set(this.wanted.map((w) => w.key));
    const candidates = [...this.pages].filter(([k]) => !keep.has(k)).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [k] of candidates) {
      if (this.pages.size <= MAX_PAGES) break;
      this.pages.delete(k);
    }
  }

  /** Pages held (for tests and the curious). */
  get pageCount(): number {
    return this.pages.size;
  }

  /** Tries the failed pages again. */
  retry(): void {
    this.failed.clear();
    this.error = null;
    if (this.config && !this.loadedOnce) this.start();
    this.pump();
    this.emit();
  }
}
