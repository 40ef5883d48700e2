/*
 * Benchmark of file transfer through the browser-mode host (not a test: it prints figures).
 *
 *   npm run bench:files               (128 MiB per file; BENCH_MIB=512 for larger)
 *
 * Uploads: POST /files over real HTTP on 127.0.0.1 (session cookie, Origin check, streamed to a
 * temp file while hashing, fsync, rename into the content-addressed store, attachment row)
 * against the raw floor of the same work done directly in this process: read the file, hash it,
 * write a temp file, fsync, rename. Downloads: GET /files/<id> against a plain read of the
 * stored file. Also the largest event-loop delay of this process during the uploads: streaming
 * must never stall the API that other windows are waiting on.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, fsyncSync, mkdirSync, mkdtempSync, openSync, closeSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { openApp } from '../src/main/app/open';
import { createDispatcher } from '../src/main/api/dispatcher';
import { startHost } from '../src/main/transport/http-host';

const MiB = 1024 * 1024;
const SIZE = Number(process.env.BENCH_MIB ?? 128) * MiB;
const RUNS = 3;
const PASSWORD = 'bench-password-1';

const dir = mkdtempSync(join(tmpdir(), 'cc-bench-files-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

// One distinct file per run: the store keeps one copy per content, so a repeat would be free.
const sources = Array.from({ length: RUNS }, (_, i) => {
  const path = join(dir, `source-${i}.bin`);
  const fd = openSync(path, 'w');
  for (let done = 0; done < SIZE; done += 8 * MiB) writeFileSync(fd, randomBytes(Math.min(8 * MiB, SIZE - done)));
  closeSync(fd);
  return path;
});

async function main(): Promise<void> {
  const { app } = openApp({ dataDir: join(dir, 'app'), dbPath: join(dir, 'app', 'bench.sqlite'), mode: 'browser', version: 'bench', log: () => {}, adminPassword: PASSWORD });
  app.settings.update({ attachmentMaxBytes: 1024 * MiB });
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>bench</title>');
  const host = await startHost({ dispatcher: createDispatcher(app), rendererDir, port: 0 });
  const origin = `http://127.0.0.1:${host.port}`;

  function http(method: string, path: string, headers: Record<string, string | number>, body?: string | NodeJS.ReadableStream): Promise<{ status: number; headers: Record<string, unknown>; bytes: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, method, path, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
        let bytes = 0;
        const small: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          bytes += c.length;
          if (bytes < 64 * 1024) small.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, text: Buffer.concat(small).toString('utf8') }));
      });
      req.on('error', reject);
      if (typeof body === 'string' || body === undefined) req.end(body);
      else body.pipe(req);
    });
  }

  const login = await http('POST', '/auth/login', { origin, 'content-type': 'application/json' }, JSON.stringify({ login: 'admin', password: PASSWORD }));
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
  const cookie = String((login.headers['set-cookie'] as string[])[0]).split(';')[0]!;

  /** The floor: what any correct store must do with the bytes (hash, write, flush, rename). */
  async function rawStore(source: string, i: number): Promise<void> {
    const hash = createHash('sha256');
    const tmp = join(dir, `raw-${i}.tmp`);
    const out = createWriteStream(tmp);
    await pipeline(createReadStream(source), async function* (chunks: AsyncIterable<Buffer>) {
      for await (const c of chunks) {
        hash.update(c);
        yield c;
      }
    }, out);
    const fd = openSync(tmp, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, join(dir, `raw-${i}-${hash.digest('hex').slice(0, 8)}`));
  }

  const seconds = async (f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    return (performance.now() - t) / 1000;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const mbps = (s: number) => SIZE / MiB / s;

  const loop = monitorEventLoopDelay({ resolution: 5 });
  const ids: string[] = [];
  const upload: number[] = [];
  loop.enable();
  for (const [i, source] of sources.entries()) {
    upload.push(
      await seconds(async () => {
        const r = await http('POST', '/files', { origin, cookie, 'content-type': 'application/octet-stream', 'x-file-name': `bench-${i}.bin`, 'content-length': SIZE }, createReadStream(source));
        if (r.status !== 200) throw new Error(`upload failed: ${r.status} ${r.text}`);
        ids.push((JSON.parse(r.text) as { value: { id: string } }).value.id);
      }),
    );
  }
  loop.disable();
  const raw: number[] = [];
  for (const [i, source] of sources.entries()) raw.push(await seconds(() => rawStore(source, i)));

  const download: number[] = [];
  for (const id of ids) {
    download.push(
      await seconds(async () => {
        const r = await http('GET', `/files/${id}`, { cookie });
        if (r.status !== 200 || r.bytes !== SIZE) throw new Error(`download failed: ${r.status}, ${r.bytes} bytes`);
      }),
    );
  }
  const rawRead: number[] = [];
  for (const source of sources) {
    rawRead.push(
      await seconds(async () => {
        for await (const chunk of createReadStream(source)) void chunk;
      }),
    );
  }

  const row = (name: string, ours: number[], floor: number[]) =>
    `| ${name} | ${mbps(median(ours)).toFixed(0)} MiB/s | ${mbps(median(floor)).toFixed(0)} MiB/s | ${(median(ours) / median(floor)).toFixed(2)} |`;
  console.log(`\nFile transfer, ${SIZE / MiB} MiB per file, median of ${RUNS} (this machine; ours over HTTP on 127.0.0.1, floor in-process)\n`);
  console.log('| shape | ours | raw floor | time ratio |');
  console.log('| --- | --- | --- | --- |');
  console.log(row('upload (POST /files → store + row)', upload, raw));
  console.log(row('download (GET /files/<id>)', download, rawRead));
  console.log(`\nLargest event-loop delay in the host process during uploads: ${(loop.max / 1e6).toFixed(1)} ms (p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms)`);

  await host.close();
  await app.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
