import type { ReactNode } from 'react';
import { AdminPage } from './editor-page';
import { AdminTable, type Column } from './record-list';
import type { OpenRecord } from './use-open-record';

interface Props<R extends { id: string; version: number }> {
  testid: string;
  title: string;
  description: string;
  addLabel: string;
  /** The test ids of the add button, the list and its rows: `${ids}-add`, `${ids}-list`, `${ids}-row`. */
  ids: string;
  tools?: ReactNode;
  canWrite: boolean;
  record: OpenRecord<R>;
  /** The rows shown (null while loading), why they could not be loaded, and the retry. */
  list: { rows: R[] | null; error: string | null; reload: () => void };
  columns: Column<R>[];
  minWidth?: number;
  dimmed?: (row: R) => boolean;
  /** The editor of the open record; shown only while one is open. */
  editor: ReactNode;
}

/** A list page of the administration: the list, adding with the button or Insert, the editor of the open row. */
export function RecordListPage<R extends { id: string; version: number }>(p: Props<R>) {
  const onAdd = p.canWrite ? p.record.openNew : undefined;
  return (
    <AdminPage
      testid={p.testid}
      title={p.title}
      description={p.description}
      tools={p.tools}
      addLabel={p.addLabel}
      onAdd={onAdd}
      addTestid={`${p.ids}-add`}
      list={
        <AdminTable
          label={p.title}
          rows={p.list.rows}
          error={p.list.error}
          columns={p.columns}
          openId={p.record.openId}
          onOpen={p.record.openRow}
          onAdd={onAdd}
          onRetry={p.list.reload}
          testid={`${p.ids}-list`}
          rowTestid={`${p.ids}-row`}
          minWidth={p.minWidth}
          dimmed={p.dimmed}
        />
      }
      editor={p.record.shown ? p.editor : null}
    />
  );
}
