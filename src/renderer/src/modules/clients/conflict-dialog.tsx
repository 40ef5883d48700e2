import { Button, Group, Modal, Radio, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabel, type ClientField, type ClientForm } from './form-model';

export interface Conflict {
  /** The fields both sides changed, to different values. */
  fields: ClientField[];
  mine: ClientForm;
  theirs: ClientForm;
}

interface Props {
  conflict: Conflict | null;
  onCancel: () => void;
  /** For each conflicting field, whether to keep the user's value. */
  onResolve: (keepMine: Record<string, boolean>) => void;
}

/** A stale save: both values per field, side by side; the user picks, nothing is overwritten silently. */
export function ConflictDialog({ conflict, onCancel, onResolve }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={conflict !== null} onClose={onCancel} title={t('clients.conflict.title')} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {conflict && <ConflictBody key={conflict.fields.join()} conflict={conflict} onCancel={onCancel} onResolve={onResolve} />}
    </Modal>
  );
}

function ConflictBody({ conflict, onCancel, onResolve }: { conflict: Conflict } & Omit<Props, 'conflict'>) {
  const { t } = useTranslation();
  const [keepMine, setKeepMine] = useState<Record<string, boolean>>(() => Object.fromEntries(conflict.fields.map((f) => [f, true])));
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
  const all = (mine: boolean) => setKeepMine(Object.fromEntries(conflict.fields.map((f) => [f, mine])));
  return (
    <Stack gap="sm" data-testid="conflict-dialog">
      <Text size="sm">{t('clients.conflict.body')}</Text>
      <Table withTableBorder withColumnBorders verticalSpacing={6} horizontalSpacing="sm" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>{t('clients.conflict.field')}</Table.Th>
            <Table.Th>{t('clients.conflict.mine')}</Table.Th>
            <Table.Th>{t('clients.conflict.theirs')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {conflict.fields.map((f) => (
            <Table.Tr key={f} data-testid={`conflict-row-${f}`}>
              <Table.Td fw={600}>{fieldLabel(t, f)}</Table.Td>
              <Table.Td bg={keepMine[f] ? 'var(--mantine-color-blue-0)' : undefined}>
                <Radio
                  size="xs"
                  name={`conflict-${f}`}
                  checked={keepMine[f] === true}
                  onChange={() => setKeepMine((k) => ({ ...k, [f]: true }))}
                  label={shown(conflict.mine[f])}
                  data-testid={`conflict-pick-${f}-mine`}
                />
              </Table.Td>
              <Table.Td bg={keepMine[f] ? undefined : 'var(--mantine-color-blue-0)'}>
                <Radio
                  size="xs"
                  name={`conflict-${f}`}
                  checked={keepMine[f] === false}
                  onChange={() => setKeepMine((k) => ({ ...k, [f]: false }))}
                  label={shown(conflict.theirs[f])}
                  data-testid={`conflict-pick-${f}-theirs`}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => all(true)}>
            {t('clients.conflict.allMine')}
          </Button>
          <Button size="xs" variant="default" onClick={() => all(false)}>
            {t('clients.conflict.allTheirs')}
          </Button>
        </Group>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={onCancel}>
            {t('clients.contacts.cancel')}
          </Button>
          <Button size="xs" onClick={() => onResolve(keepMine)} data-testid="conflict-apply">
            {t('clients.conflict.apply')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
