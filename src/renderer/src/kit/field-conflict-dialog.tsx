import { Button, Group, Modal, Radio, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** One field both sides changed to different values, each as a person reads it. */
export interface FieldConflictRow {
  /** The field's key: what onResolve answers for, and the test id's suffix. */
  key: string;
  label: string;
  mine: string;
  theirs: string;
}

interface Props {
  /** Null: closed. */
  rows: readonly FieldConflictRow[] | null;
  /** What happened, in the record's words ("Someone saved this client after you opened it…"). */
  body: string;
  onCancel: () => void;
  /** For each conflicting field, whether to keep the user's value (true) or the saved one. */
  onResolve: (keepMine: Record<string, boolean>) => void;
}

/**
 * A stale save, for any record: both values per field side by side; the user picks each one
 * (their own by default), nothing is overwritten silently. The caller merges and saves again.
 */
export function FieldConflictDialog({ rows, body, onCancel, onResolve }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={rows !== null} onClose={onCancel} title={t('clients.conflict.title')} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {rows && <ConflictBody key={rows.map((r) => r.key).join()} rows={rows} body={body} onCancel={onCancel} onResolve={onResolve} />}
    </Modal>
  );
}

function ConflictBody({ rows, body, onCancel, onResolve }: Omit<Props, 'rows'> & { rows: readonly FieldConflictRow[] }) {
  const { t } = useTranslation();
  const [keepMine, setKeepMine] = useState<Record<string, boolean>>(() => Object.fromEntries(rows.map((r) => [r.key, true])));
  const all = (mine: boolean) => setKeepMine(Object.fromEntries(rows.map((r) => [r.key, mine])));
  const shown = (v: string) =>
    v.trim() ? (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {v}
      </Text>
    ) : (
      <Text size="sm" c="dimmed" fs="italic">
        {t('clients.conflict.empty')}
      </Text>
    );
  const cell = (r: FieldConflictRow, mine: boolean) => (
    <Table.Td bg={keepMine[r.key] === mine ? 'var(--mantine-color-blue-0)' : undefined}>
      <Radio
        size="xs"
        name={`conflict-${r.key}`}
        checked={keepMine[r.key] === mine}
        onChange={() => setKeepMine((k) => ({ ...k, [r.key]: mine }))}
        label={shown(mine ? r.mine : r.theirs)}
        data-testid={`conflict-pick-${r.key}-${mine ? 'mine' : 'theirs'}`}
      />
    </Table.Td>
  );
  return (
    <Stack gap="sm" data-testid="conflict-dialog">
      <Text size="sm">{body}</Text>
      <Table withTableBorder withColumnBorders verticalSpacing={6} horizontalSpacing="sm" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>{t('clients.conflict.field')}</Table.Th>
            <Table.Th>{t('clients.conflict.mine')}</Table.Th>
            <Table.Th>{t('clients.conflict.theirs')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key} data-testid={`conflict-row-${r.key}`}>
              <Table.Td fw={600}>{r.label}</Table.Td>
              {cell(r, true)}
              {cell(r, false)}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => all(true)} data-testid="conflict-all-mine">
            {t('clients.conflict.allMine')}
          </Button>
          <Button size="xs" variant="default" onClick={() => all(false)} data-testid="conflict-all-theirs">
            {t('clients.conflict.allTheirs')}
          </Button>
        </Group>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={onCancel} data-testid="conflict-cancel">
            {t('clients.conflict.back')}
          </Button>
          <Button size="xs" onClick={() => onResolve(keepMine)} data-testid="conflict-apply">
            {t('clients.conflict.apply')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
