import { ActionIcon, Alert, Button, Group, Loader, Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api/client';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { errorText } from '../../i18n/error-text';

/*
 * The extra fields and the form templates of a request type are both short ordered lists: rows
 * moved up and down, edited in a dialog, deleted after a question. This is that list once.
 */

interface Versioned {
  id: string;
  version: number;
}

/** How one kind of row is listed, put in order and deleted in main (a constant per panel). */
export interface OrderedCalls<R extends Versioned> {
  list: (api: ApiClient, requestTypeId: string) => Promise<R[]>;
  reorder: (api: ApiClient, requestTypeId: string, order: Versioned[]) => Promise<unknown>;
  remove: (api: ApiClient, row: R) => Promise<unknown>;
}

interface Options<R extends Versioned> {
  calls: OrderedCalls<R>;
  requestTypeId: string;
  /** Bumped by the parent when data.changed says the rows changed elsewhere. */
  refreshKey: number;
  onChanged: () => void;
  deletedMessage: string;
}

/** The rows of a type, the one in the editor dialog (E: what the dialog edits) and the one asked about. */
export function useOrderedList<R extends Versioned, E = R>({ calls, requestTypeId, refreshKey, onChanged, deletedMessage }: Options<R>) {
  const { t } = useTranslation();
  const api = useApi();
  const [rows, setRows] = useState<R[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<E | 'new' | null>(null);
  const [deleting, setDeleting] = useState<R | null>(null);
  const [busy, setBusy] = useState(false);
  // Kept apart from `editing` so the title does not flip while the dialog fades out.
  const [creating, setCreating] = useState(false);

  const load = useCallback(() => {
    calls.list(api, requestTypeId).then(
      (r) => {
        setRows(r);
        setLoadError(null);
      },
      (e: unknown) => setLoadError(toCallError(e).message),
    );
  }, [api, calls, requestTypeId]);
  useEffect(() => load(), [load, refreshKey]);

  const failed = (e: unknown) => {
    const err = toCallError(e);
    notifications.show({ color: 'red', title: errorText(t, err.code), message: err.message, autoClose: 8000 });
  };

  /** Moves row `i` of `sortable` (the rows that may be ordered here) one place up or down. */
  async function move(sortable: readonly R[], i: number, by: -1 | 1) {
    const order = [...sortable];
    const [item] = order.splice(i, 1);
    if (!item) return;
    order.splice(i + by, 0, item);
    setBusy(true);
    try {
      await calls.reorder(api, requestTypeId, order.map((r) => ({ id: r.id, version: r.version })));
      onChanged();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
      load();
    }
  }

  async function remove(r: R) {
    setDeleting(null);
    try {
      await calls.remove(api, r);
      notifications.show({ color: 'teal', message: deletedMessage, autoClose: 2500 });
      onChanged();
    } catch (e) {
      failed(e);
    }
    load();
  }

  return {
    rows,
    loadError,
    busy,
    editing,
    creating,
    deleting,
    move,
    openNew: () => {
      setCreating(true);
      setEditing('new');
    },
    openEdit: (e: E) => {
      setCreating(false);
      setEditing(e);
    },
    askDelete: setDeleting,
    closeEditor: () => setEditing(null),
    /** The dialog saved: close it and show the stored rows. */
    saved: () => {
      setEditing(null);
      onChanged();
      load();
    },
    remove,
  };
}

type OrderedList<R extends Versioned, E> = ReturnType<typeof useOrderedList<R, E>>;

interface FrameProps<R extends Versioned, E> {
  list: OrderedList<R, E>;
  testid: string;
  hint: string;
  canWrite: boolean;
  addLabel: string;
  addTestid: string;
  emptyText: string;
  /** The table of the rows; shown when there are some. */
  table: (rows: R[]) => ReactNode;
  /** Below the table whether or not there are rows (a legend). */
  footer?: ReactNode;
  editorTitle: { create: string; edit: string };
  editorSize: 'md' | 'lg';
  /** The form in the dialog; null edits a new row. */
  editor: (editing: E | null) => ReactNode;
  deleteTitle: string;
  deleteBody: (row: R | null) => string;
}

/** Loading and its failure, the hint with the add button, the table or "none yet", and the two dialogs. */
export function OrderedListFrame<R extends Versioned, E>(p: FrameProps<R, E>) {
  const { t } = useTranslation();
  const { list } = p;
  if (list.loadError) {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={16} />} p="xs">
        {list.loadError}
      </Alert>
    );
  }
  if (!list.rows) return <Loader size="sm" m="md" />;
  const { editing, deleting } = list;

  return (
    <div data-testid={p.testid}>
      <Group justify="space-between" mb={6}>
        <Text size="xs" c="dimmed" maw={560}>
          {p.hint}
        </Text>
        {p.canWrite && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={list.openNew} data-testid={p.addTestid}>
            {p.addLabel}
          </Button>
        )}
      </Group>
      {list.rows.length === 0 ? (
        <Text size="sm" c="dimmed" p="md" ta="center" className="rta-empty">
          {p.emptyText}
        </Text>
      ) : (
        p.table(list.rows)
      )}
      {p.footer}

      <Modal opened={editing !== null} onClose={list.closeEditor} title={list.creating ? p.editorTitle.create : p.editorTitle.edit} size={p.editorSize} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {editing !== null && p.editor(editing === 'new' ? null : editing)}
      </Modal>
      <Modal opened={deleting !== null} onClose={() => list.askDelete(null)} title={p.deleteTitle} size="sm" closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Text size="sm">{p.deleteBody(deleting)}</Text>
        <Group justify="flex-end" mt="md" gap={6}>
          <Button size="xs" variant="default" onClick={() => list.askDelete(null)}>
            {t('adminTypes.cancel')}
          </Button>
          <Button size="xs" color="red" onClick={() => deleting && void list.remove(deleting)} data-autofocus>
            {t('adminTypes.delete')}
          </Button>
        </Group>
      </Modal>
    </div>
  );
}

interface RowActionsProps {
  busy: boolean;
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => void;
  onEdit: () => void;
  onDelete: () => void;
  editTestid?: string;
}

/** Up, down, edit, delete: the writer's actions on one row. */
export function RowActions({ busy, first, last, onMove, onEdit, onDelete, editTestid }: RowActionsProps) {
  const { t } = useTranslation();
  return (
    <>
      <ActionIcon size="sm" variant="subtle" color="gray" disabled={busy || first} onClick={() => onMove(-1)} aria-label={t('adminTypes.moveUp')}>
        <IconArrowUp size={14} />
      </ActionIcon>
      <ActionIcon size="sm" variant="subtle" color="gray" disabled={busy || last} onClick={() => onMove(1)} aria-label={t('adminTypes.moveDown')}>
        <IconArrowDown size={14} />
      </ActionIcon>
      <ActionIcon size="sm" variant="subtle" onClick={onEdit} aria-label={t('adminTypes.edit')} data-testid={editTestid}>
        <IconPencil size={14} />
      </ActionIcon>
      <ActionIcon size="sm" variant="subtle" color="red" onClick={onDelete} aria-label={t('adminTypes.delete')}>
        <IconTrash size={14} />
      </ActionIcon>
    </>
  );
}
