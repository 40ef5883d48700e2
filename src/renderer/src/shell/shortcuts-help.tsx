import { Group, Kbd, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ModuleName } from '../../../shared/domain/permissions';
import { MODULE_INFO } from './modules';
import { moduleLabel } from '../kit/labels';

interface Props {
  opened: boolean;
  onClose: () => void;
  modules: readonly ModuleName[];
}

function Keys({ keys }: { keys: string[] }) {
  return (
    <Group gap={4} wrap="nowrap">
      {keys.map((k, i) => (
        <Group key={k} gap={4} wrap="nowrap">
          {i > 0 && (
            <Text size="xs" c="dimmed">
              +
            </Text>
          )}
          <Kbd size="xs">{k}</Kbd>
        </Group>
      ))}
    </Group>
  );
}

export function ShortcutsHelp({ opened, onClose, modules }: Props) {
  const { t } = useTranslation();
  const rows: { keys: string[]; label: string; id: string }[] = [
    ...modules.map((m) => ({ id: m, keys: ['Alt', String(MODULE_INFO[m].shortcut)], label: t('shortcuts.goTo', { module: moduleLabel(t, m) }) })),
    { id: 'language', keys: ['Alt', 'L'], label: t('shortcuts.languageMenu') },
    { id: 'help', keys: ['F1'], label: t('shortcuts.help') },
  ];
  return (
    <Modal opened={opened} onClose={onClose} title={t('shortcuts.title')} size="md" closeButtonProps={{ 'aria-label': t('common.close') }} data-testid="shortcuts-help">
      <Stack gap="sm">
        <Table verticalSpacing={4} horizontalSpacing="xs" fz="sm">
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td w={110}>
                  <Keys keys={r.keys} />
                </Table.Td>
                <Table.Td>{r.label}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          {t('shortcuts.note')}
        </Text>
      </Stack>
    </Modal>
  );
}
