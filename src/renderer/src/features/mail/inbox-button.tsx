import { notifications } from '@mantine/notifications';
import { Alert, Group, Loader, SegmentedControl, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../shared/api/auth';
import type { InboxMail, InboxRow } from '../../../../shared/api/mail';
import type { InterventionLookups } from '../../../../shared/api/interventions';
import { allows } from '../../../../shared/domain/permissions';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { gridFormat } from '../../kit/format';
import { HeaderDrawer } from '../../kit/header-drawer';
import { InterventionFormSlot } from '../../kit/slots';
import { InboxMailView } from './inbox-mail';
import { inboxStatusLabel } from './labels';
import './inbox.css';

type Shown = 'unmatched' | 'attached' | 'dismissed' | 'matched' | 'automatic' | 'refused';
const SHOWN: readonly Shown[] = ['unmatched', 'attached', 'dismissed', 'matched', 'automatic', 'refused'];
/** How often the count is asked while the app is open: mail arrives without anyone's write here. */
const COUNT_EVERY_MS = 20_000;

/**
 * The header's envelope: how many mails no intervention claimed wait for an operator, and the
 * Inbox drawer that lists them (and, for the record, what the watcher did with the others).
 */
export function InboxButton({ me }: { me: Me }) {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  const canRead = allows(me.rights, 'interventions', 'read');
  const canWrite = allows(me.rights, 'interventions', 'write');
  const [waiting, setWaiting] = useState(0);
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<Shown>('unmatched');
  const [rows, setRows] = useState<InboxRow[] | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  // The form over the Inbox: an intervention opened, or a new one made from a mail (placed there once saved).
  const [form, setForm] = useState<{ id: string | null; lookups: InterventionLookups | null; from?: InboxMail } | null>(null);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    if (!canRead) return;
    const timer = setInterval(reload, COUNT_EVERY_MS);
    return () => clearInterval(timer);
  }, [canRead, reload]);

  useEffect(() => {
    if (!canRead) return;
    let stale = false;
    api.call('mail.inbox.list', { status: 'unmatched', limit: 100 }).then(
      (r) => !stale && setWaiting(r.length),
      () => undefined,
    );
    if (open) {
      api.call('mail.inbox.list', { status: shown, limit: 200 }).then(
        (r) => {
          if (stale) return;
          setRows(r);
          setError(null);
        },
        (e: unknown) => !stale && setError(toCallError(e).message),
      );
    }
    return () => {
      stale = true;
    };
  }, [api, canRead, open, shown, tick]);

  if (!canRead) return null;

  const label = waiting > 0 ? t('inbox.waiting', { count: waiting }) : t('inbox.button');
  // The form takes the screen from the drawer, which comes back when the form closes.
  const openIntervention = async (id: string) => {
    const lookups = await api.call('interventions.lookups', {}).catch(() => null);
    setOpen(false);
    setForm({ id, lookups });
  };
  const createFrom = async (mail: InboxMail) => {
    const lookups = await api.call('interventions.lookups', {}).catch(() => null);
    setOpen(false);
    setForm({ id: null, lookups, from: mail });
  };
  const formClosed = (shownId: string | null) => {
    const from = form?.from;
    setForm(null);
    setOpen(true);
    if (!from || !shownId) return;
    api.call('mail.inbox.attach', { id: from.id, interventionId: shownId }).then(
      () => {
        notifications.show({ color: 'teal', message: t('inbox.createdFrom'), autoClose: 3000 });
        setPicked(null);
        reload();
      },
      (e: unknown) => notifications.show({ color: 'red', message: toCallError(e).message }),
    );
  };
  return (
    <>
      <HeaderDrawer
        icon={<IconMail size={18} stroke={1.6} />}
        titleIcon={<IconMail size={16} />}
        title={t('inbox.title')}
        label={label}
        count={waiting}
        color="blue"
        opened={open}
        onOpen={() => setOpen(true)}
        onClose={() => setOpen(false)}
        size={980}
        testIds={{ button: 'inbox-button', count: 'inbox-count', drawer: 'inbox-drawer' }}
      >
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            {t('inbox.hint')}
          </Text>
          <SegmentedControl
            size="xs"
            value={shown}
            onChange={(v) => {
              setShown(v);
              setRows(null);
              setPicked(null);
            }}
            data={SHOWN.map((s) => ({ value: s, label: inboxStatusLabel(t, s) }))}
            style={{ alignSelf: 'flex-start' }}
            data-testid="inbox-filter"
          />
          {error && (
            <Alert color="red" variant="light" p="xs">
              <Text size="sm">{t('inbox.loadFailed', { reason: error })}</Text>
            </Alert>
          )}
          <div className="inbox-layout">
            <div className="inbox-list" data-testid="inbox-list">
              {rows === null && !error && <Loader size="sm" />}
              {rows?.length === 0 && (
                <Text size="sm" c="dimmed" ta="center" py="lg" data-testid="inbox-empty">
                  {t('inbox.none')}
                </Text>
              )}
              {rows?.map((m) => (
                <UnstyledButton key={m.id} className="inbox-item" data-active={m.id === picked} onClick={() => setPicked(m.id)} data-testid="inbox-item" data-id={m.id}>
                  <Group justify="space-between" gap={6} wrap="nowrap">
                    <Text size="xs" fw={600} truncate>
                      {m.fromName || m.fromAddress || '—'}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {fmt.dateTime(m.receivedAt)}
                    </Text>
                  </Group>
                  <Text size="sm" truncate>
                    {m.subject || '—'}
                  </Text>
                  {m.interventionNumber && (
                    <Text size="xs" c="dimmed">
                      {m.interventionNumber}
                    </Text>
                  )}
                </UnstyledButton>
              ))}
            </div>
            <div className="inbox-detail">
              {picked ? (
                <InboxMailView
                  key={picked}
                  id={picked}
                  canWrite={canWrite}
                  onChanged={() => {
                    setPicked(null);
                    reload();
                  }}
                  onOpenIntervention={(id) => void openIntervention(id)}
                  onCreateIntervention={(mail) => void createFrom(mail)}
                />
              ) : (
                <Text size="sm" c="dimmed" ta="center" py="xl">
                  {t('inbox.pick')}
                </Text>
              )}
            </div>
          </div>
        </Stack>
      </HeaderDrawer>
      {form && (
        <InterventionFormSlot
          key={form.id ?? `from-${form.from?.id ?? ''}`}
          interventionId={form.id}
          lookups={form.lookups}
          personId={me.personId}
          canWrite={canWrite}
          onClose={formClosed}
          {...(form.from
            ? { prefill: { source: 'email' as const, objectText: form.from.subject, ...(form.from.sender ? { clientId: form.from.sender.clientId, contactPersonId: form.from.sender.contactPersonId } : {}) } }
            : {})}
        />
      )}
    </>
  );
}
