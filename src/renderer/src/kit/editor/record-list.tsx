import { Loader } from '@mantine/core';
import { useCallback, useEffect, useEffectEvent, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Capability } from '../../../../shared/api/capabilities';
import type { MethodName, MethodOutput } from '../../../../shared/api/contract';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { useListCursor } from '../use-list-cursor';
import { LoadFailed } from './load-failed';

type ListMethod = Extract<MethodName, 'admin.series.list' | 'admin.periods.list' | 'admin.personnel.list' | 'admin.teams.list' | 'admin.users.list'>;

/**
 * Loads an administration list and loads it again when one of `capabilities` changes (this window,
 * another window, later sync), so two administrators never look at stale rows for long.
 */
export function useAdminList<M extends ListMethod>(method: M, capabilities: readonly Capability[]) {
  const api = useApi();
  const [rows, setRows] = useState<MethodOutput<M> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);
  const reload = useCallback(() => {
    const mine = ++request.current;
    api.call(method, {} as never).then(
      (list) => {
        if (mine !== request.current) return;
        setRows(list);
        setError(null);
      },
      (e: unknown) => {
        if (mine === request.current) setError(toCallError(e).message);
      },
    );
  }, [api, method]);
  useEffect(() => reload(), [reload]);
  const reloadLatest = useEffectEvent(() => reload());
  // `capabilities` is a constant of each page: the subscription is made once per client.
  const watched = useRef(capabilities);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = api.on('data.changed', ({ capability }) => {
      if (!watched.current.includes(capability)) return;
      // A save touches several rows (a team and its members): one reload for the burst.
      timer ??= setTimeout(() => {
        timer = null;
        reloadLatest();
      }, 200);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [api]);
  return { rows, error, reload };
}

export interface Column<T> {
  key: string;
  header: ReactNode;
  width?: number | string;
  className?: string;
  render: (row: T) => ReactNode;
  title?: (row: T) => string;
}

interface TableProps<T extends { id: string }> {
  label: string;
  rows: T[] | null;
  error: string | null;
  columns: Column<T>[];
  openId: string | null;
  onOpen: (row: T) => void;
  onAdd?: () => void;
  onRetry: () => void;
  testid: string;
  rowTestid: string;
  dimmed?: (row: T) => boolean;
  emptyText?: string;
  /** Below this width the list scrolls sideways instead of squeezing its flexible columns away. */
  minWidth?: number;
}

/**
 * A dense list: arrows, Page Up/Down, Home/End move the cursor, Enter (or a double click) opens
 * the row in the editor beside it, Insert adds (the keys are those of the Clients list).
 */
export function AdminTable<T extends { id: string }>({ label, rows, error, columns, openId, onOpen, onAdd, onRetry, testid, rowTestid, dimmed, emptyText, minWidth = 620 }: TableProps<T>) {
  const { t } = useTranslation();
  const list = rows ?? [];
  const { cursor, setCursor, listRef, onKeyDown, pick } = useListCursor({ rows: list, onOpen, onAdd });

  // The cursor follows the row that was opened (or saved as new), so keyboard users stay on it.
  const [followed, setFollowed] = useState<string | null>(null);
  if (rows && openId !== followed) {
    const i = openId ? rows.findIndex((r) => r.id === openId) : -1;
    if (i >= 0 || !openId) setFollowed(openId);
    if (i >= 0) setCursor(i);
  }

  if (error) return <LoadFailed reason={error} onRetry={onRetry} testid={`${testid}-error`} />;
  return (
    <div className="dense-list adm-list" ref={listRef} tabIndex={0} role="grid" aria-label={label} aria-busy={rows === null} onKeyDown={onKeyDown} data-testid={testid}>
      <table className="dense-table adm-table" style={{ minWidth }}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} style={c.width !== undefined ? { width: c.width } : undefined} className={c.className}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {list.map((r, i) => (
            <tr
              key={r.id}
              data-index={i}
              data-testid={rowTestid}
              data-id={r.id}
              aria-selected={i === cursor}
              className={[i === cursor ? 'dense-cursor' : '', r.id === openId ? 'dense-open' : '', dimmed?.(r) ? 'adm-dimmed' : ''].join(' ')}
              onClick={() => pick(i)}
              onDoubleClick={() => onOpen(r)}
            >
              {columns.map((c) => (
                <td key={c.key} className={c.className} title={c.title?.(r)}>
                  {c.render(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows === null && (
        <div className="dense-empty">
          <Loader size="sm" />
        </div>
      )}
      {rows !== null && rows.length === 0 && <div className="dense-empty">{emptyText ?? t('admin.common.empty')}</div>}
    </div>
  );
}
