import { Alert, Badge, Button, Group, Paper, SegmentedControl, Table, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxRow } from '../../../../shared/api/mail';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { gridFormat } from '../../kit/format';

type Status = OutboxRow['status'];
const COLOURS: Record<Status, string> = { queued: 'blue', sending: 'yellow', sent: 'teal', failed: 'red' };

/** The outbox of this workstation: what was mailed, what waits, what failed (with the server's words), and a retry. */
export function OutboxList({ canWrite }: { canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const fmt = gridFormat(i18n.language);
  const [filter, setFilter] = useState<'all' | Status>('all');
  const [rows, setRows] = useState<OutboxRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.call('mail.outbox.list', filter === 'all' ? {} : { status: filter }).then(
      (r) => (setRows(r), setError(null)),
      (e: unknown) => setError(toCallError(e).message),
    );
  }, [api, filter]);
  useEffect(load, [load]);
  const retry = (id: string) =>
    api.call('mail.outbox.retry', { id }).then(
      () => load(),
      (e: unknown) => setError(toCallError(e).message),
    );
  const statusLabel = (s: Status) => {
    switch (s) {
      case 'queued':
        return t('mail.statuses.queued');
      case 'sending':
        return t('mail.statuses.sending');
      case 'sent':
        return t('mail.statuses.sent');
      case 'failed':
        return t('mail.statuses.failed');
    }
  };
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="mail-outbox">
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Text fw={600} size="sm">
            {t('mail.outbox')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('mail.outboxHint')}
          </Text>
        </div>
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            value={filter}
            onChange={(v) => setFilter(v)}
            data={[
              { value: 'all', label: t('mail.all') },
              { value: 'queued', label: statusLabel('queued') },
              { value: 'failed', label: statusLabel('failed') },
              { value: 'sent', label: statusLabel('sent') },
            ]}
            data-testid="mail-outbox-filter"
          />
          <Button size="xs" variant="default" onClick={load} data-testid="mail-outbox-refresh">
            {t('mail.refresh')}
          </Button>
        </Group>
      </Group>
      {error && (
        <Alert color="red" variant="light" mb="xs">
          {error}
        </Alert>
      )}
      {rows && rows.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="mail-outbox-empty">
          {t('mail.empty')}
        </Text>
      )}
      {rows && rows.length > 0 && (
        <Table striped highlightOnHover fz="xs" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={130}>{t('mail.columns.created')}</Table.Th>
              <Table.Th>{t('mail.columns.to')}</Table.Th>
              <Table.Th>{t('mail.columns.subject')}</Table.Th>
              <Table.Th w={110}>{t('mail.columns.status')}</Table.Th>
              <Table.Th w={60}>{t('mail.columns.attempts')}</Table.Th>
              <Table.Th>{t('mail.columns.error')}</Table.Th>
              {canWrite && <Table.Th w={120} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id} data-testid="mail-outbox-row" data-status={r.status}>
                <Table.Td>{fmt.dateTime(r.createdAt)}</Table.Td>
                <Table.Td>
                  {r.toName} &lt;{r.toAddress}&gt;
                </Table.Td>
                <Table.Td>{r.subject}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={COLOURS[r.status]}>
                    {statusLabel(r.status)}
                  </Badge>
                  {r.status === 'queued' && r.attempts > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('mail.nextAttempt', { when: fmt.dateTime(r.nextAttemptAt) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{r.attempts}</Table.Td>
                <Table.Td c={r.lastError ? 'red' : undefined}>{r.lastError ?? ''}</Table.Td>
                {canWrite && (
                  <Table.Td>
                    {r.status === 'failed' && (
                      <Button size="compact-xs" variant="light" onClick={() => void retry(r.id)} data-testid="mail-outbox-retry">
                        {t('mail.retry')}
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
