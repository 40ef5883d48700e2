import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Worker } from 'node:worker_threads';
import { COLUMNS, type ColumnId } from '../../shared/grid/columns';
import type { GridView } from '../../shared/grid/query';
import { ApiError } from '../../shared/api/result';
import type { Download } from '../core/handler';
import type { BackgroundService } from '../core/lifecycle';
import { contentDisposition } from '../files/access';
import type { ServiceContext } from '../core/context';
import { buildWhere, type Viewer } from '../grid/where';
import { columnExpressions, ROW_JOINS } from '../grid/columns-sql';
import { orderByFor } from '../grid/order';
import { nativeBinding, startWorker } from '../db/workers';
import type { ExportJob as WorkerJob, ExportMessage } from './export-worker';
import type { ExportStarted } from '../../shared/api/exports';
import { Limiter } from '../core/limiter';

export interface ExportRequest {
  view: GridView;
  format: 'csv' | 'xlsx';
  columns: ColumnId[];
  headers: string[];
  statusLabels: Record<string, string>;
  priorityLabels: Record<string, string>;
  sourceLabels: Record<string, string>;
}

/** What any export writes: its query, the columns' kinds, headers and labels, and the file's name. */
export type ExportSpec = Omit<WorkerJob, 'file' | 'nativeBinding' | 'out' | 'delimiter'> & { fileBase: string };

interface ExportJob {
  userId: string;
  file: string;
  fileName: string;
  finished: boolean;
  /** When the file was finished, then when it was first handed out: it is removed a while after. */
  finishedAt: number | null;
  downloadedAt: number | null;
}

/**
 * Exports write at once (each a worker with its own connection and its own memory: 32 at once
 * took the host from 303 MB to 1.4 GB); more wait in a queue, and beyond the queue, or beyond a
 * user's own share, a new one is refused with a clear message.
 */
const RUNNING = 2;
const QUEUED = 16;
const PER_USER = 2;

/** A finished file is removed a minute after its download (a second click still works), or an hour after it was made. */
const AFTER_DOWNLOAD_MS = 60_000;
const KEEP_MS = 3600_000;
const SWEEP_EVERY_MS = 60_000;

/**
 * Exports of a whole view, with no row cap: each runs in its own worker thread with its own
 * read-only connection, streams rows to a file in data/exports, and reports progress as
 * 'export.progress' events. The file is then downloaded from /exports/<id> by its owner.
 */
export class ExportService implements BackgroundService {
  readonly name = 'exports';
  private readonly jobs = new Map<string, ExportJob>();
  private readonly workers = new Set<Worker>();
  private sweeper: ReturnType<typeof setInterval> | null = null;
  /** Every export runs through it (tests read its peak). */
  readonly limiter = new Limiter(RUNNING, QUEUED, 'Too many exports at once.');
  private stopped = false;

  constructor(
    private readonly s: ServiceContext,
    private readonly dbPath: string,
    private readonly dir: string,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** Removes downloaded and old files now and every minute: an app left running for weeks keeps its folder small. */
  start(): void {
    this.stopped = false;
    this.sweep();
    this.sweeper ??= setInterval(() => this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  /** What the service holds right now: export workers running, and whether the sweep is scheduled. */
  get held(): { workers: number; timers: number } {
    return { workers: this.workers.size, timers: this.sweeper ? 1 : 0 };
  }

  /** Ends the exports under way (their half-written files go) and the sweeping. */
  async stop(): Promise<void> {
    // Queued exports get their turn as the running ones end below: they must not start a worker.
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    await Promise.all([...this.workers].map((w) => w.terminate()));
    this.workers.clear();
    for (const [id, job] of this.jobs) {
      if (!job.finished) {
        rmSync(job.file, { force: true });
        this.jobs.delete(id);
      }
    }
  }

  /** An export of a grid view: the view's rows in its order, with the columns the user shows. */
  launch(req: ExportRequest, viewer: Viewer & { userId: string }): Promise<ExportStarted> {
    const where = buildWhere(req.view, [], viewer, this.s.now());
    const cols = columnExpressions(viewer.language);
    return this.run(viewer.userId, viewer.language, {
      sql: `SELECT ${req.columns.map((c) => cols[c]).join(', ')} FROM interventions i ${ROW_JOINS} WHERE ${where.sql} ORDER BY ${orderByFor(req.view, viewer)}`,
      countSql: `SELECT count(*) FROM interventions i WHERE ${where.sql}`,
      params: where.params,
      format: req.format,
      headers: req.headers,
      kinds: req.columns.map((c) => COLUMNS[c].kind),
      widths: req.columns.map((c) => COLUMNS[c].width),
      labels: { status: req.statusLabels, priority: req.priorityLabels, source: req.sourceLabels },
      tzOffsetMinutes: req.view.tzOffsetMinutes,
      fileBase: 'interventions',
      sheetName: 'Interventions',
    });
  }

  /**
   * Starts an export of any query (the grid's, the call log's), or queues it behind the ones
   * writing; answers once it has counted its rows. A user has at most PER_USER exports queued or writing.
   */
  async run(userId: string, language: string, spec: ExportSpec): Promise<ExportStarted> {
    const pending = [...this.jobs.values()].filter((j) => j.userId === userId && !j.finished).length;
    if (pending >= PER_USER) {
      throw new ApiError('forbidden', `You already have ${pending} exports being written. Wait until one is done, then try again.`);
    }
    const exportId = randomBytes(16).toString('hex');
    const stamp = new Date(this.s.now() + spec.tzOffsetMinutes * 60_000).toISOString().slice(0, 16).replace(/[-:T]/g, '');
    const fileName = `${spec.fileBase}-${stamp}.${spec.format}`;
    const file = join(this.dir, `${exportId}.${spec.format}`);
    const job: ExportJob = { userId, file, fileName, finished: false, finishedAt: null, downloadedAt: null };
    const { fileBase: _base, ...query } = spec;
    const workerData: WorkerJob = {
      ...query,
      file: this.dbPath,
      nativeBinding: nativeBinding(),
      out: file,
      // Spreadsheets in Romanian, Portuguese and Catalan read ';' as the list separator.
      delimiter: language === 'en' ? ',' : ';',
    };
    this.jobs.set(exportId, job);
    let counted!: (total: number) => void;
    let failed!: (e: unknown) => void;
    const total = new Promise<number>((resolve, reject) => {
      counted = resolve;
      failed = reject;
    });
    // The limiter's slot is held for the worker's whole life, not only until the count.
    this.limiter.run(() => this.write(exportId, job, workerData, counted)).catch((e: unknown) => {
      this.jobs.delete(exportId);
      failed(e);
    });
    return { exportId, total: await total };
  }

  /** Runs one export's worker to its end; `counted` hears the row count first. */
  private write(exportId: string, job: ExportJob, workerData: WorkerJob, counted: (total: number) => void): Promise<void> {
    if (this.stopped) return Promise.reject(new ApiError('internal', 'The application is stopping; the export was not made.'));
    const worker = startWorker('export-worker', __dirname, { workerData });
    this.workers.add(worker);
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      worker.once('exit', () => {
        this.workers.delete(worker);
        // Ended by stop() or a crash before a word: the launch must not wait for ever.
        if (!settled) reject(new ApiError('internal', 'The export was stopped.'));
        resolve();
      });
      worker.on('message', (m: ExportMessage) => {
        if (!settled && m.type !== 'error') {
          settled = true;
          counted(m.total);
        }
        if (m.type === 'progress') this.emit(exportId, m.done, m.total, false);
        if (m.type === 'done') {
          job.finished = true;
          job.finishedAt = this.s.now();
          this.emit(exportId, m.done, m.total, true);
          void worker.terminate();
        }
        if (m.type === 'error') {
          this.jobs.delete(exportId);
          rmSync(job.file, { force: true });
          if (!settled) {
            settled = true;
            reject(new ApiError('internal', `The export failed: ${m.message ?? 'unknown error'}.`));
          } else this.s.events.emit('export.progress', { exportId, done: 0, total: 0, finished: true, error: m.message ?? 'failed' }, { userId: job.userId });
          void worker.terminate();
        }
      });
      worker.on('error', (e) => {
        if (!settled) {
          settled = true;
          reject(e);
        }
      });
    });
  }

  /** The finished file of an export, for the user who started it only (whatever the transport). */
  download(exportId: string, userId: string): Download | null {
    const job = this.jobs.get(exportId);
    if (!job || !job.finished || job.userId !== userId) return null;
    const type = job.file.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return {
      path: job.file,
      fileName: job.fileName,
      sent: () => {
        job.downloadedAt ??= this.s.now();
      },
      headers: {
        'Content-Type': type,
        'Content-Disposition': contentDisposition('attachment', job.fileName),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    };
  }

  private emit(exportId: string, done: number, total: number, finished: boolean): void {
    const job = this.jobs.get(exportId);
    this.s.events.emit('export.progress', {
      exportId,
      done,
      total,
      finished,
      ...(finished && job ? { url: `/exports/${exportId}`, fileName: job.fileName } : {}),
    }, job ? { userId: job.userId } : undefined);
  }

  /** Removes what was downloaded a minute ago or finished an hour ago, and files left by earlier runs. */
  sweep(): void {
    const now = this.s.now();
    for (const [id, job] of this.jobs) {
      const gone = (job.downloadedAt !== null && now - job.downloadedAt >= AFTER_DOWNLOAD_MS) || (job.finishedAt !== null && now - job.finishedAt >= KEEP_MS);
      if (gone) {
        rmSync(job.file, { force: true });
        this.jobs.delete(id);
      }
    }
    const known = new Set([...this.jobs.values()].map((j) => j.file));
    const wallNow = Date.now();
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name);
      try {
        // Files' times are the machine's, not the (maybe pinned) app clock's.
        if (!known.has(path) && wallNow - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { force: true });
      } catch {
        // Gone already.
      }
    }
  }
}
