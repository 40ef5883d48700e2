import { ActionIcon, Alert, Badge, Button, Drawer, Group, Indicator, Loader, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAt, IconBell, IconChecks } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '../../../../shared/domain/permissions';
import { useApi } from '../../api/context';
import { InterventionFormSlot } from '../../kit/slots';
import { toCallError } from '../../api/errors';
import { gridFormat } from '../../kit/format';
import './mentions.css';
import type { MentionItem } from '../../../../shared/api/thread';
import type { InterventionLookups } from '../../../../shared/api/interventions';
import type { Me } from '../../../../shared/api/auth';


/**
 * The header's bell: how many mentions of me are unread, and a drawer that lists them, newest
 * first. Opening one marks it read and opens its intervention's form over whatever is on screen.
 */
export function MentionsBell({ me }: { me: Me }) {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  const canRead = allows(me.rights, 'interventions', 'read');
  const [unseen, setUnseen] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<MentionItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [form, setForm] = useState<{ id: string; lookups: InterventionLookups | null } | null>(null);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    if (!canRead || !me.personId) return;
    let stale = false;
    // The count always; the list only while the drawer is open.
    api.call('mentions.list', { limit: open ? 200 : 1, unseenOnly: !open }).then(
      (page) => {
        if (stale) return;
        setUnseen(page.unseen);
        if (open) setItems(page.items);
        setError(null);
      },
      (e: unknown) => !stale && open && setError(toCallError(e).message),
    );
    return () => {
      stale = true;
    };
  }, [api, canRead, me.personId, open, tick]);

  useEffect(
    () =>
      api.on('data.changed', ({ capability }) => {
        if (capability === 'thread') reload();
      }),
    [api, reload],
  );

  if (!canRead || !me.personId) return null;

  const markAll = async () => {
    try {
      const page = await api.call('mentions.markSeen', { all: true });
      setUnseen(page.unseen);
      reload();
    } catch (e) {
      notifications.show({ color: 'red', message: toCallError(e).message });
    }
  };

  const openOne = async (m: MentionItem) => {
    setOpen(false);
    const lookups = await api.call('interventions.lookups', {}).catch(() => null);
    setForm({ id: m.interventionId, lookups });
    if (m.seenAt === null) {
      api.call('mentions.markSeen', { ids: [m.id] }).then(
        (page) => setUnseen(page.unseen),
        (e: unknown) => notifications.show({ color: 'red', message: toCallError(e).message }),
      );
    }
  };

  const label = unseen > 0 ? t('thread.mentions.unseen', { count: unseen }) : t('thread.mentions.bell');
  return (
    <>
      <Tooltip label={label}>
        <Indicator label={unseen > 99 ? '99+' : unseen} size={16} color="red" disabled={unseen === 0} offset={4} data-testid="mentions-count" data-count={unseen}>
          <ActionIcon variant="subtle" color="gray" size="md" onClick={() => setOpen(true)} aria-label={label} data-testid="mentions-bell">
            <IconBell size={18} stroke={1.6} />
          </ActionIcon>
        </Indicator>
      </Tooltip>
      <Drawer
        opened={open}
        onClose={() => setOpen(false)}
        position="right"
        size={420}
        title={
          <Group gap={8}>
            <IconAt size={16} />
            <Text fw={600}>{t('thread.mentions.title')}</Text>
            {unseen > 0 && (
              <Badge size="sm" color="red" variant="light">
                {t('thread.mentions.unseen', { count: unseen })}
              </Badge>
            )}
          </Group>
        }
        closeButtonProps={{ 'aria-label': t('common.close') }}
        data-testid="mentions-drawer"
      >
        <Stack gap="xs">
          <Group justify="flex-end">
            <Button size="compact-xs" variant="subtle" leftSection={<IconChecks size={14} />} disabled={unseen === 0} onClick={() => void markAll()} data-testid="mentions-mark-all">
              {t('thread.mentions.markAll')}
            </Button>
          </Group>
          {error && (
            <Alert color="red" variant="light" p="xs">
              <Text size="sm">{t('thread.mentions.loadFailed', { reason: error })}</Text>
            </Alert>
          )}
          {items === null && !error && <Loader size="sm" />}
          {items && items.length === 0 && (
            <Text size="sm" c="dimmed" ta="center" py="lg" data-testid="mentions-empty">
              {t('thread.mentions.none')}
            </Text>
          )}
          {items?.map((m) => (
            <UnstyledButton key={m.id} className={`mention-item${m.seenAt === null ? ' mention-unseen' : ''}`} onClick={() => void openOne(m)} data-testid="mention-item" data-seen={m.seenAt !== null}>
              <Group justify="space-between" gap={6} wrap="nowrap">
                <Text size="xs" fw={600} truncate>
                  {m.interventionNumber ?? t('thread.mentions.draft')} · {m.clientName}
                </Text>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {fmt.dateTime(m.at)}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                {m.byName ?? t('thread.system')}
              </Text>
              <Text size="sm" lineClamp={3} className="mention-body">
                {m.body}
              </Text>
            </UnstyledButton>
          ))}
        </Stack>
      </Drawer>
      {form && <InterventionFormSlot key={form.id} interventionId={form.id} lookups={form.lookups} personId={me.personId} canWrite={allows(me.rights, 'interventions', 'write')} onClose={() => setForm(null)} />}
    </>
  );
}
