import { Group, Kbd, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ModuleName } from '../../../shared/domain/permissions';
import { ENGINES, MODULE_INFO } from './modules';
import { moduleLabel } from '../kit/labels';
import type { ShortcutGroup } from '../kit/shortcuts';

interface Props {
  opened: boolean;
  onClose: () => void;
  modules: readonly ModuleName[];
  /** The module showing: its keys are listed after the ones that work everywhere. */
  current: ModuleName | null;
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

export function ShortcutsHelp({ opened, onClose, modules, current }: Props) {
  const { t } = useTranslation();
  const everywhere: ShortcutGroup = {
    id: 'everywhere',
    title: () => t('shortcuts.everywhere'),
    shortcuts: [
      ...modules.map((m) => ({ id: m, keys: ['Alt', String(MODULE_INFO[m].shortcut)], label: () => t('shortcuts.goTo', { module: moduleLabel(t, m) }) })),
      { id: 'language', keys: ['Alt', 'L'], label: () => t('shortcuts.languageMenu') },
      { id: 'help', keys: ['F1'], label: () => t('shortcuts.help') },
    ],
  };
  // The engines' keys work on every screen: listed for the users whose rights run them.
  const engines = ENGINES.flatMap((e) => (e.shortcuts && (!e.module || modules.includes(e.module)) ? [e.shortcuts] : []));
  const groups = [everywhere, ...engines, ...(current ? (MODULE_INFO[current].shortcuts ?? []) : [])];
  return (
    <Modal opened={opened} onClose={onClose} title={t('shortcuts.title')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }} data-testid="shortcuts-help">
      <Stack gap="md">
        {groups.map((g) => (
          <div key={g.id} data-testid={`shortcuts-${g.id}`}>
            <Text size="sm" fw={600} mb={4}>
              {g.title(t)}
            </Text>
            <Table verticalSpacing={4} horizontalSpacing="xs" fz="sm">
              <Table.Tbody>
                {g.shortcuts.map((r) => (
                  <Table.Tr key={r.id} data-testid="shortcut">
                    <Table.Td w={150}>
                      <Keys keys={r.keys} />
                    </Table.Td>
                    <Table.Td>{r.label(t)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        ))}
        <Text size="xs" c="dimmed">
          {t('shortcuts.note')}
        </Text>
      </Stack>
    </Modal>
  );
}
