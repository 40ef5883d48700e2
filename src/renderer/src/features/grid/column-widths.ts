import type { TFunction } from 'i18next';
import { INTERVENTION_STATUSES, SOURCE_CHANNELS } from '../../../../shared/domain/intervention';
import { COLUMNS, type ColumnId, type ColumnKind } from '../../../../shared/grid/columns';
import type { ViewLayout } from '../../../../shared/grid/views';
import type { GridFormat } from '../../kit/format';
import { priorityLabel, sourceLabel, statusLabel } from '../../kit/labels';

/*
 * How wide the grid's columns are on screen. A column never gets narrower than what its values
 * need to be read whole (a date, a number, the longest status in the user's language): "fit the
 * window" shares out what is left, and past the minimums the grid scrolls sideways.
 */

export const MIN_COLUMN_WIDTH = 36;
/** Cell padding (6 px each side) and the border, as interventions.css draws them. */
const CELL = 13;
/** The status badge's own padding. */
const BADGE = 12;
/** The priority mark's dot and gap. */
const DOT = 14;

export type MinWidths = Partial<Record<ColumnKind, number>>;

let context: CanvasRenderingContext2D | null | undefined;
/** Text width in the grid's font; an estimate where there is no canvas (tests in jsdom). */
function textWidth(text: string, font: string): number {
  if (context === undefined) {
    const inBrowser = typeof navigator !== 'undefined' && !/jsdom/i.test(navigator.userAgent);
    context = inBrowser ? document.createElement('canvas').getContext('2d') : null;
  }
  if (!context) return Math.ceil(text.length * 7.2);
  const family = getComputedStyle(document.body).fontFamily || 'sans-serif';
  context.font = `${font} ${family}`;
  return Math.ceil(context.measureText(text).width);
}

const widest = (texts: string[], font: string) => Math.max(...texts.map((s) => textWidth(s, font)));

const cache = new Map<string, MinWidths>();

/** The least width of each kind of column, for the values as this language writes them. */
export function contentMinWidths(t: TFunction, fmt: GridFormat): MinWidths {
  // The widest day and time (two-digit day and month, late hour) in the language's format.
  const sample = new Date(2026, 11, 28, 23, 58).getTime();
  const statuses = INTERVENTION_STATUSES.map((s) => statusLabel(t, s));
  const key = `${fmt.language}|${fmt.date(sample)}|${statuses.join('|')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const mins: MinWidths = {
    number: textWidth('0000000', '13px') + CELL,
    date: textWidth(fmt.date(sample), '13px') + CELL,
    datetime: textWidth(fmt.dateTime(sample), '13px') + CELL,
    status: widest(statuses, '600 11.5px') + BADGE + CELL,
    priority: widest([1, 2, 3].map((p) => priorityLabel(t, p as 1 | 2 | 3)), '12px') + DOT + CELL,
    source: widest(SOURCE_CHANNELS.map((s) => sourceLabel(t, s)), '13px') + CELL,
    phone: textWidth('+40 722 123 456', '13px') + CELL,
    bool: 40,
  };
  cache.set(key, mins);
  return mins;
}

const minOf = (id: ColumnId, mins: MinWidths) => Math.max(MIN_COLUMN_WIDTH, mins[COLUMNS[id].kind] ?? MIN_COLUMN_WIDTH);

/**
 * Widths on screen: their own ('fixed'), or shared out over the window's width ('fit'), never
 * below the content's minimum. In 'fit' mode, columns whose share would be too small keep their
 * minimum and the rest share what remains; when the minimums alone are wider than the window,
 * every column has its minimum and the grid scrolls.
 */
export function displayWidths(layout: ViewLayout, available: number, mins: MinWidths = {}): Map<ColumnId, number> {
  const visible = layout.columns.filter((c) => c.visible);
  const out = new Map<ColumnId, number>();
  if (layout.widthMode === 'fixed' || available <= 0) {
    for (const c of visible) out.set(c.id, Math.max(c.width, minOf(c.id, mins)));
    return out;
  }
  let flexible = visible;
  let room = available;
  // Fix at their minimum the columns a proportional share would squeeze, until none is.
  for (;;) {
    const sum = flexible.reduce((n, c) => n + c.width, 0);
    const squeezed = flexible.filter((c) => Math.floor((c.width * room) / sum) < minOf(c.id, mins));
    if (squeezed.length === 0) break;
    for (const c of squeezed) {
      out.set(c.id, minOf(c.id, mins));
      room -= minOf(c.id, mins);
    }
    flexible = flexible.filter((c) => !squeezed.includes(c));
    if (flexible.length === 0) return out;
  }
  const sum = flexible.reduce((n, c) => n + c.width, 0);
  let used = 0;
  flexible.forEach((c, i) => {
    const w = i === flexible.length - 1 ? room - used : Math.floor((c.width * room) / sum);
    out.set(c.id, w);
    used += w;
  });
  return out;
}
