import { Alert, Button, Group, Loader, Stack, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAt, IconBell, IconChecks } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '../../../../shared/domain/permissions';
import { useApi } from '../../api/context';
import { HeaderDrawer } from '../../kit/header-drawer';
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
      <HeaderDrawer
        icon={<IconBell size={18} stroke={1.6} />}
        titleIcon={<IconAt size={16} />}
        title={t('thread.mentions.title')}
        label={label}
        count={unseen}
        color="red"
        opened={open}
        onOpen={() => setOpen(true)}
        onClose={() => setOpen(false)}
        size={420}
        testIds={{ button: 'mentions-bell', count: 'mentions-count', drawer: 'mentions-drawer' }}
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
      </HeaderDrawer>
      {form && <InterventionFormSlot key={form.id} interventionId={form.id} lookups={form.lookups} personId={me.personId} canWrite={allows(me.rights, 'interventions', 'write')} onClose={() => setForm(null)} />}
    </>
  );
}
