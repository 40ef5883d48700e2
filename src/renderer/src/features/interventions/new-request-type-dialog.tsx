import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CODE_MAX, NAME_MAX } from '../../../../shared/api/request-types';
import type { InterventionLookups } from '../../../../shared/api/interventions';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { requestTypeOptions } from './form-model';

/** Request types go three levels deep (classification 1-3): a third-level one takes no children. */
const MAX_DEPTH = 3;

/** A code from a name: 'Boiler service' → 'BOILER-SERVICE' (letters and digits, no diacritics). */
function codeFromName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, CODE_MAX);
}

interface Props {
  /** The name typed in the form's request type field; null while closed. */
  name: string | null;
  lookups: InterventionLookups | null;
  onClose: () => void;
  onAdded: (type: { id: string; label: string }) => void;
}

/**
 * Seed 001: the request type is "typed freely or taken from the list". A name the list does not
 * have becomes a new type here, under a chosen parent, for users who may change Administration
 * (main checks the right again).
 */
export function NewRequestTypeDialog({ name, lookups, onClose, onAdded }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={name !== null} onClose={onClose} title={t('interventionForm.newType.title')} size="md" data-testid="new-type-dialog">
      {name !== null && <NewTypeForm key={name} initialName={name} lookups={lookups} onClose={onClose} onAdded={onAdded} />}
    </Modal>
  );
}

function NewTypeForm({ initialName, lookups, onClose, onAdded }: { initialName: string; lookups: InterventionLookups | null; onClose: () => void; onAdded: Props['onAdded'] }) {
  const { t } = useTranslation();
  const api = useApi();
  const [typed, setTyped] = useState(initialName);
  const [code, setCode] = useState(codeFromName(initialName));
  const [codeEdited, setCodeEdited] = useState(false);
  const [parentId, setParentId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const depthOf = new Map((lookups?.requestTypes ?? []).map((r) => [r.id, r.depth]));
  const parents = requestTypeOptions(lookups).filter((o) => (depthOf.get(o.value) ?? MAX_DEPTH) < MAX_DEPTH);
  const parentLabel = parents.find((p) => p.value === parentId)?.label;

  const add = async () => {
    const trimmed = typed.trim();
    if (!trimmed || !code) return;
    setBusy(true);
    try {
      const row = await api.call('admin.requestTypes.save', {
        values: { code, parentId, names: { en: trimmed, ro: trimmed, 'pt-BR': trimmed, ca: trimmed } },
      });
      onAdded({ id: row.id, label: parentLabel ? `${parentLabel} › ${trimmed}` : trimmed });
    } catch (e) {
      const err = toCallError(e);
      // The code is the one field the user may not have looked at: say which one is wrong.
      setError([err.message, ...err.issues.map((i) => `${i.path}: ${i.message}`)].join(' '));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={t('interventionForm.newType.name')}
          value={typed}
          maxLength={NAME_MAX}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setTyped(v);
            if (!codeEdited) setCode(codeFromName(v));
          }}
          data-autofocus
          required
          data-testid="new-type-name"
        />
        <Select
          label={t('interventionForm.newType.parent')}
          placeholder={t('interventionForm.newType.parentNone')}
          data={parents}
          value={parentId}
          onChange={setParentId}
          searchable
          clearable
          comboboxProps={{ withinPortal: true }}
          data-testid="new-type-parent"
        />
        <TextInput
          label={t('interventionForm.newType.code')}
          value={code}
          maxLength={CODE_MAX}
          onChange={(e) => {
            setCode(e.currentTarget.value);
            setCodeEdited(true);
          }}
          required
          data-testid="new-type-code"
        />
        <Text size="xs" c="dimmed">
          {t('interventionForm.newType.hint')}
        </Text>
        {error && (
          <Alert color="red" data-testid="new-type-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('interventionForm.newType.cancel')}
          </Button>
          <Button type="submit" loading={busy} disabled={!typed.trim() || !code} data-testid="new-type-add">
            {t('interventionForm.newType.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
