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

export interface ExportRequest {
  view: GridView;
  format: 'csv' | 'xlsx';
  columns: ColumnId[];
  headers: string[];
  statusLabels: Record<string, string>;
  priorityLabels: Record<string, string>;
  sourceLabels: Record<string, string>;
}

interface ExportJob {
  userId: string;
  file: string;
  fileName: string;
  finished: boolean;
}

/** Finished files are kept this long for the download, then removed. */
const KEEP_MS = 24 * 3600 * 1000;
const SWEEP_EVERY_MS = 3600 * 1000;

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

  constructor(
    private readonly s: ServiceContext,
    private readonly dbPath: string,
    private readonly dir: string,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** Removes old files now and every hour: an app left running for weeks keeps its folder small. */
  start(): void {
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

  async launch(req: ExportRequest, viewer: Viewer & { userId: string }): Promise<ExportStarted> {
    const where = buildWhere(req.view, [], viewer, this.s.now());
    const cols = columnExpressions(viewer.language);
    const orderBy = orderByFor(req.view, viewer);
    const sql = `SELECT ${req.columns.map((c) => cols[c]).join(', ')} FROM interventions i ${ROW_JOINS} WHERE ${where.sql} ORDER BY ${orderBy}`;
    const countSql = `SELECT count(*) FROM interventions i WHERE ${where.sql}`;
    const exportId = randomBytes(16).toString('hex');
    const stamp = new Date(this.s.now() + req.view.tzOffsetMinutes * 60_000).toISOString().slice(0, 16).replace(/[-:T]/g, '');
    const fileName = `interventions-${stamp}.${req.format}`;
    const file = join(this.dir, `${exportId}.${req.format}`);
    const job: ExportJob = { userId: viewer.userId, file, fileName, finished: false };
    this.jobs.set(exportId, job);

    const worker = startWorker('export-worker', __dirname, {
      workerData: {
        file: this.dbPath,
        nativeBinding: nativeBinding(),
        sql,
        countSql,
        params: where.params,
        out: file,
        format: req.format,
        headers: req.headers,
        kinds: req.columns.map((c) => COLUMNS[c].kind),
        widths: req.columns.map((c) => COLUMNS[c].width),
        statusLabels: req.statusLabels,
        priorityLabels: req.priorityLabels,
        sourceLabels: req.sourceLabels,
        tzOffsetMinutes: req.view.tzOffsetMinutes,
        // Spreadsheets in Romanian, Portuguese and Catalan read ';' as the list separator.
        delimiter: viewer.language === 'en' ? ',' : ';',
        sheetName: req.headers.length ? 'Interventions' : 'Sheet1',
      } satisfies WorkerJob,
    });
    this.workers.add(worker);
    worker.once('exit', () => this.workers.delete(worker));
    const total = await new Promise<number>((resolve, reject) => {
      let settled = false;
      worker.on('message', (m: ExportMessage) => {
        if (!settled && m.type !== 'error') {
          settled = true;
          resolve(m.total);
        }
        if (m.type === 'progress') this.emit(exportId, m.done, m.total, false);
        if (m.type === 'done') {
          job.finished = true;
          this.emit(exportId, m.done, m.total, true);
          void worker.terminate();
        }
        if (m.type === 'error') {
          this.jobs.delete(exportId);
          rmSync(file, { force: true });
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
    return { exportId, total };
  }

  /** The finished file of an export, for the user who started it only (whatever the transport). */
  download(exportId: string, userId: string): Download | null {
    const job = this.jobs.get(exportId);
    if (!job || !job.finished || job.userId !== userId) return null;
    const type = job.file.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return {
      path: job.file,
      fileName: job.fileName,
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

  /** Removes export files older than a day (left by earlier runs). */
  private sweep(): void {
    const now = Date.now();
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name);
      try {
        if (now - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { force: true });
      } catch {
        // Gone already.
      }
    }
  }
}
