import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/i18n/languages';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { FieldConflictDialog } from '../../kit/field-conflict-dialog';
import { useVersionedEditor } from '../../kit/editor/use-versioned-editor';
import { errorText } from '../../i18n/error-text';
import {
  MAX_LEVEL,
  branchHeight,
  changedKeys,
  descendantIds,
  displayValue,
  errorsFromIssues,
  fieldLabel,
  formOf,
  localErrors,
  newForm,
  valuesOf,
  withKeys,
  type TypeErrors,
  type TypeFieldKey,
  type TypeForm,
} from './model';
import type { RequestTypeAdminRow, RequestTypeUsage } from '../../../../shared/api/request-types';
import { TypeActions } from './type-actions';
import { TypeFields } from './type-fields';

interface Props {
  /** The type being edited, or null for a new one under `newParent`. */
  row: RequestTypeAdminRow | null;
  newParent: RequestTypeAdminRow | null;
  rows: readonly RequestTypeAdminRow[];
  teams: readonly { id: string; name: string }[];
  language: Language;
  canWrite: boolean;
  onSaved: (row: RequestTypeAdminRow) => void;
  onDeleted: () => void;
  onCancelNew: () => void;
  /** Esc: back to the tree. */
  onLeave: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

/** The selected type's own fields: code, order, parent, the four names, team, portal, priority. */
export function TypeEditor({ row, newParent, rows, teams, language, canWrite, onSaved, onDeleted, onCancelNew, onLeave, onDirtyChange }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const isNew = row === null;
  const [errors, setErrors] = useState<TypeErrors>({});
  const [usage, setUsage] = useState<RequestTypeUsage | null>(null);
  const [confirmLeave, setConfirmLeave] = useState(false);
  // Where the user was typing: "Keep editing" goes back there (the dialog does not return focus,
  // because "Discard" sends it to the tree).
  const [edited, setEdited] = useState<HTMLElement | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const editor = useVersionedEditor<TypeForm, TypeFieldKey, RequestTypeAdminRow>(() => (row ? formOf(row) : newForm(newParent, rows)), row?.version ?? 0, {
    changed: changedKeys,
    take: withKeys,
    write: (f, _base, v) => api.call('admin.requestTypes.save', row === null ? { values: valuesOf(f) } : { id: row.id, version: v, values: valuesOf(f) }),
    formOf,
    versionOf: (r) => r.version,
    fetchFresh: async () => (row ? ((await api.call('admin.requestTypes.list', {})).find((r) => r.id === row.id) ?? null) : null),
    isStale: (e) => toCallError(e).code === 'conflict' && row !== null,
    conflictRow: (k, mine, theirs) => ({ key: k, label: fieldLabel(t, k), mine: displayValue(t, mine, k, rows, teams, language), theirs: displayValue(t, theirs, k, rows, teams, language) }),
    onSaved: (saved) => {
      notifications.show({ color: 'teal', message: t('adminTypes.editor.saved', { code: saved.code }), autoClose: 2500 });
      setErrors({});
      onSaved(saved);
    },
    onError: (e) => {
      const err = toCallError(e);
      if (err.code === 'validation' && err.issues.length > 0) setErrors(errorsFromIssues(t, err.issues, err.message));
      else if (err.code === 'conflict') setErrors({ form: t('adminTypes.editor.goneMeanwhile') });
      else setErrors({ form: `${errorText(t, err.code)} ${err.message}` });
    },
  });
  const { form, base, version, saving, conflict, setForm, setBase, setVersion } = editor;

  const dirty = changedKeys(form, base).length > 0 || isNew;
  useEffect(() => onDirtyChange(isNew ? changedKeys(form, base).length > 0 : dirty), [dirty, isNew, form, base, onDirtyChange]);

  // Usage decides between delete and deactivate; counted in main on a read worker.
  const rowId = row?.id ?? null;
  const rowVersion = row?.version ?? 0;
  useEffect(() => {
    if (!rowId) return;
    let live = true;
    api.call('admin.requestTypes.usage', { id: rowId }).then(
      (u) => live && setUsage(u),
      () => live && setUsage(null),
    );
    return () => {
      live = false;
    };
  }, [api, rowId, rowVersion]);

  // Someone else saved the type and nothing is being edited here: show their version
  // (adjusted while rendering, React's pattern for state that follows a prop).
  if (row && row.version > version && changedKeys(form, base).length === 0) {
    const fresh = formOf(row);
    setBase(fresh);
    setForm(fresh);
    setVersion(row.version);
  }

  // A new type starts at its code. Choosing an existing one leaves the focus in the tree, so
  // the arrows keep walking it; Enter there comes here.
  useEffect(() => {
    if (isNew) rootRef.current?.querySelector<HTMLInputElement>('[data-testid="rt-field-code"]')?.focus();
  }, [isNew]);

  const set = <K extends keyof TypeForm>(k: K, v: TypeForm[K], errorKey: TypeFieldKey = k as TypeFieldKey) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((e) => ({ ...e, [errorKey]: undefined, form: undefined }));
  };
  const setName = (l: Language, v: string) => {
    setForm((f) => ({ ...f, names: { ...f.names, [l]: v } }));
    setErrors((e) => ({ ...e, [`names.${l}`]: undefined, form: undefined }));
  };

  // Parent choices: not itself, not below itself, and only where the branch still fits in three levels.
  const parentOptions = useMemo(() => {
    const below = row ? descendantIds(rows, row.id) : new Set<string>();
    const height = row ? branchHeight(rows, row.id) : 1;
    return [
      { value: '', label: t('adminTypes.editor.topLevel') },
      ...rows
        .filter((r) => r.id !== row?.id && !below.has(r.id))
        .map((r) => ({
          value: r.id,
          label: `${'\u2003'.repeat(r.depth - 1)}${r.code} · ${r.names[language]}${r.active ? '' : ` (${t('adminTypes.inactive')})`}`,
          disabled: r.depth + height > MAX_LEVEL,
        })),
    ];
  }, [rows, row, language, t]);

  const parent = rows.find((r) => r.id === form.parentId) ?? null;
  const level = (parent?.depth ?? 0) + 1;

  /** Checks here first; main's refusals show by field, a stale save merges (use-versioned-editor.ts). */
  function save(draft: TypeForm = form) {
    if (!canWrite || saving) return;
    const local = localErrors(t, draft);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    void editor.save(draft);
  }

  async function remove() {
    if (!row) return;
    try {
      await api.call('admin.requestTypes.delete', { id: row.id, version });
      notifications.show({ color: 'teal', message: t('adminTypes.editor.deleted', { code: row.code }), autoClose: 2500 });
      onDeleted();
    } catch (e) {
      const err = toCallError(e);
      notifications.show({ color: 'red', title: errorText(t, err.code), message: err.message, autoClose: 8000 });
    }
  }

  // Esc leaves the editor; typed changes are never thrown away without asking.
  const onKeyDown = editor.keys(() => save(), (unsaved, target) => {
    if (unsaved) {
      setEdited(target);
      setConfirmLeave(true);
    } else leave();
  });

  function keepEditing() {
    setConfirmLeave(false);
    edited?.focus();
  }

  function leave() {
    setConfirmLeave(false);
    if (isNew) onCancelNew();
    else {
      setForm(base);
      setErrors({});
      onLeave();
    }
  }

  const ro = !canWrite;

  return (
    <div className="rta-editor-body" ref={rootRef} onKeyDown={onKeyDown} data-testid="rt-editor" data-dirty={dirty && !isNew ? 'true' : 'false'}>
      {errors.form && (
        <Alert color="red" icon={<IconAlertTriangle size={16} />} mb="xs" p="xs" data-testid="rt-form-error">
          {errors.form}
        </Alert>
      )}
      <TypeFields form={form} errors={errors} readOnly={ro} level={level} parentOptions={parentOptions} teams={teams} set={set} setName={setName} />
      {errors.active && (
        <Text size="xs" c="red" mt={4} data-testid="rt-error-active">
          {errors.active}
        </Text>
      )}
      {!form.active && base.active && !isNew && (usage?.children ?? 0) > 0 && (
        <Text size="xs" c="orange.8" mt={4}>
          {t('adminTypes.editor.deactivateBranch', { count: usage?.children ?? 0 })}
        </Text>
      )}

      <TypeActions
        isNew={isNew}
        canWrite={canWrite}
        usage={usage}
        active={base.active}
        dirty={dirty}
        saving={saving}
        code={row?.code ?? ''}
        onSave={() => save()}
        onSetActive={(active) => save({ ...form, active })}
        onRevert={() => {
          if (isNew) onCancelNew();
          else {
            setForm(base);
            setErrors({});
          }
        }}
        onDelete={() => void remove()}
      />
      <Modal
        opened={confirmLeave}
        onClose={keepEditing}
        returnFocus={false}
        title={t('adminTypes.discardTitle')}
        size="sm"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Text size="sm">{t('adminTypes.discardBody')}</Text>
        <Group justify="flex-end" mt="md" gap={6}>
          <Button size="xs" variant="default" onClick={keepEditing} data-autofocus>
            {t('adminTypes.keepEditing')}
          </Button>
          <Button size="xs" color="red" onClick={leave} data-testid="rt-leave-discard">
            {t('adminTypes.discard')}
          </Button>
        </Group>
      </Modal>
      <FieldConflictDialog rows={conflict?.rows ?? null} body={t('adminTypes.editor.conflict')} onCancel={editor.cancelConflict} onResolve={editor.resolve} />
    </div>
  );
}
