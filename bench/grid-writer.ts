/*
 * The writer of bench/grid.ts, a separate process: another room of operators saving at 20
 * writes a second on its own clock, whatever the grid's process is busy with. It decides each
 * write (notes, status changes, planned dates, client renames, in turn) and sends it to the
 * grid's process, which applies it through the app's write path, as the host applies a save
 * that arrives from another operator's window (a process writing the database file directly
 * would bypass the write path, and no cache in the app would know of it).
 */
import type { BenchWrite } from './grid-writes';

interface Start {
  ids: string[];
  clients: { id: string; name: string }[];
}

let timer: ReturnType<typeof setInterval> | null = null;
let n = 0;

function next(s: Start): BenchWrite {
  const k = n++;
  const id = s.ids[k % s.ids.length]!;
  switch (k % 4) {
    case 0:
      return { kind: 'notes', id, text: `Called back at ${k}` };
    case 1:
      return { kind: 'status', id };
    case 2:
      return { kind: 'planned', id, at: Date.UTC(2026, 11, 1 + (k % 28), 8 + (k % 9)) };
    default: {
      const c = s.clients[k % s.clients.length]!;
      return { kind: 'rename', id: c.id, name: k % 8 === 3 ? `${c.name} ` : c.name.trimEnd() };
    }
  }
}

process.on('message', (m: { start?: Start; stop?: true; one?: Start }) => {
  if (m.start) {
    const s = m.start;
    timer ??= setInterval(() => process.send?.(next(s)), 50);
  } else if (m.one) process.send?.(next(m.one));
  else if (m.stop && timer) {
    clearInterval(timer);
    timer = null;
  }
});
process.on('disconnect', () => process.exit(0));
