import { ActionIcon, Button, Checkbox, Divider, Group, Popover, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns3 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CALL_COLUMNS, type CallColumn } from '../../../../shared/api/call-log';
import { callColumnLabel } from './call-columns';
import type { useCallColumns } from './use-call-columns';

/**
 * The call log's "Columns" popover: the shown columns in their order (arrows move one up or
 * down), then the hidden ones to add; a reset to the default. Every part is a button or a check
 * box, so it works from the keyboard as well.
 */
export function CallColumnsMenu({ cols }: { cols: ReturnType<typeof useCallColumns> }) {
  const { t } = useTranslation();
  const hidden = CALL_COLUMNS.filter((c) => !cols.columns.includes(c));
  const item = (c: CallColumn, i: number | null) => (
    <Group key={c} gap={4} wrap="nowrap" data-testid="calls-column" data-column={c} data-shown={i !== null}>
      <Checkbox
        size="xs"
        style={{ flex: 1 }}
        label={callColumnLabel(t, c)}
        checked={i !== null}
        disabled={i !== null && cols.columns.length === 1}
        onChange={() => cols.toggle(c)}
      />
      {i !== null && (
        <>
          <ActionIcon size="sm" variant="subtle" disabled={i === 0} onClick={() => cols.move(c, -1)} aria-label={t('calls.log.columnUp', { column: callColumnLabel(t, c) })} data-testid="calls-column-up">
            <IconArrowUp size={14} />
          </ActionIcon>
          <ActionIcon
            size="sm"
            variant="subtle"
            disabled={i === cols.columns.length - 1}
            onClick={() => cols.move(c, 1)}
            aria-label={t('calls.log.columnDown', { column: callColumnLabel(t, c) })}
            data-testid="calls-column-down"
          >
            <IconArrowDown size={14} />
          </ActionIcon>
        </>
      )}
    </Group>
  );
  return (
    <Popover position="bottom-end" shadow="md" width={260} withinPortal>
      <Popover.Target>
        <Button size="xs" variant="default" leftSection={<IconColumns3 size={15} stroke={1.7} />} data-testid="calls-columns">
          {t('grid.toolbar.columns')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown p={8} data-testid="calls-columns-popover">
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            {t('grid.columnsMenu.visible', { shown: cols.columns.length, total: CALL_COLUMNS.length })}
          </Text>
          {cols.columns.map((c, i) => item(c, i))}
          {hidden.length > 0 && <Divider />}
          {hidden.map((c) => item(c, null))}
          <Divider />
          <Button size="compact-xs" variant="subtle" onClick={cols.reset} data-testid="calls-columns-reset">
            {t('calls.log.columnsReset')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
