import { Alert, Badge, Button, Group, Loader, SegmentedControl, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowForwardUp, IconArchive, IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxCandidate, InboxMail, InboxRow, RemotePictures } from '../../../../shared/api/mail';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { gridFormat } from '../../kit/format';
import { statusLabel } from '../../kit/labels';
import { QuotedFold } from '../../kit/quoted-fold';
import { MailFrame } from './mail-frame';
import { RemotePicturesBar } from './remote-pictures-bar';
import { inboxStatusLabel } from './labels';

interface Props {
  id: string;
  canWrite: boolean;
  /** The mail changed (placed or set aside): the list reloads. */
  onChanged: (row: InboxRow) => void;
  onOpenIntervention: (id: string) => void;
  /** Opens a new intervention's form from the mail; once saved, the mail goes in its thread. */
  onCreateIntervention: (mail: InboxMail) => void;
}

/** One mail of the Inbox, read: its words (the quoted text folded), its HTML in a closed frame, and where it can go. */
export function InboxMailView({ id, canWrite, onChanged, onOpenIntervention, onCreateIntervention }: Props) {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  const [mail, setMail] = useState<InboxMail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<'plain' | 'formatted'>('plain');
  const [pictures, setPictures] = useState<RemotePictures | null>(null);

  useEffect(() => {
    // The parent keys this view by the mail's id: a new mail is a new view, its state fresh.
    let stale = false;
    api.call('mail.inbox.get', { id }).then(
      (m) => !stale && setMail(m),
      (e: unknown) => !stale && setError(toCallError(e).message),
    );
    return () => {
      stale = true;
    };
  }, [api, id]);

  if (error) return <Alert color="red" variant="light">{error}</Alert>;
  if (!mail) return <Loader size="sm" />;
  return (
    <Stack gap="xs" data-testid="inbox-mail" data-status={mail.status}>
      <div>
        <Text fw={600} size="md" data-testid="inbox-mail-subject">
          {mail.subject || '—'}
        </Text>
        <Group gap={6} wrap="wrap">
          <Text size="sm">
            {t('inbox.from')}: {mail.fromName ? `${mail.fromName} <${mail.fromAddress}>` : mail.fromAddress || '—'}
          </Text>
          <Text size="xs" c="dimmed">
            · {t('inbox.received')} {fmt.dateTime(mail.receivedAt)}
          </Text>
          <Badge size="sm" variant="light" color={mail.status === 'unmatched' ? 'blue' : 'gray'}>
            {inboxStatusLabel(t, mail.status)}
          </Badge>
          {mail.attachments > 0 && (
            <Text size="xs" c="dimmed">
              · {t('inbox.files', { count: mail.attachments })}
            </Text>
          )}
        </Group>
        {mail.note && (
          <Text size="xs" c="dimmed" data-testid="inbox-mail-note">
            {mail.note}
          </Text>
        )}
        {mail.interventionId && (
          <Button size="compact-xs" variant="subtle" px={0} onClick={() => onOpenIntervention(mail.interventionId!)} data-testid="inbox-open-intervention">
            {t('inbox.open', { number: mail.interventionNumber ?? t('inbox.draft') })}
          </Button>
        )}
      </div>
      {mail.html && (
        <SegmentedControl
          size="xs"
          value={view}
          onChange={setView}
          data={[
            { value: 'plain', label: t('inbox.plain') },
            { value: 'formatted', label: t('inbox.formatted') },
          ]}
          style={{ alignSelf: 'flex-start' }}
          data-testid="inbox-view"
        />
      )}
      {view === 'formatted' && mail.html ? (
        <>
          <MailFrame html={pictures?.html ?? mail.html} title={mail.subject} />
          <RemotePicturesBar mailId={mail.id} html={mail.html} shown={pictures} onShown={setPictures} />
        </>
      ) : (
        <>
          <div className="inbox-text" data-testid="inbox-mail-text">
            {mail.text || t('inbox.noText')}
          </div>
          {mail.quoted && <QuotedFold text={mail.quoted} testId="inbox-quoted" />}
        </>
      )}
      {mail.status === 'unmatched' && canWrite && <PlaceMail mail={mail} onChanged={onChanged} onCreate={() => onCreateIntervention(mail)} />}
    </Stack>
  );
}

/** Where a waiting mail goes: the interventions of the sender's client, or the one whose number is typed; or aside. */
function PlaceMail({ mail, onChanged, onCreate }: { mail: InboxMail; onChanged: (row: InboxRow) => void; onCreate: () => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [asked, setAsked] = useState('');
  // The answer to the last question asked ('' = the suggestions); null while it is on its way.
  const [found, setFound] = useState<{ asked: string; rows: InboxCandidate[] } | null>(null);
  const candidates = found?.asked === asked ? found.rows : null;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let stale = false;
    api.call('mail.inbox.candidates', { id: mail.id, number: asked }).then(
      (rows) => {
        if (stale) return;
        setFound({ asked, rows });
        setError(null);
      },
      (e: unknown) => {
        if (stale) return;
        setFound({ asked, rows: [] });
        setError(toCallError(e).message);
      },
    );
    return () => {
      stale = true;
    };
  }, [api, mail.id, asked]);

  const find = (e: FormEvent) => {
    e.preventDefault();
    setAsked(number.trim());
  };
  const act = (work: Promise<InboxRow>, message: (row: InboxRow) => string) => {
    setBusy(true);
    work.then(
      (row) => {
        notifications.show({ color: 'teal', message: message(row), autoClose: 3000 });
        onChanged(row);
      },
      (e: unknown) => {
        setBusy(false);
        setError(toCallError(e).message);
      },
    );
  };
  const place = (c: InboxCandidate) => act(api.call('mail.inbox.attach', { id: mail.id, interventionId: c.interventionId }), () => t('inbox.attached', { number: c.number ?? t('inbox.draft') }));

  return (
    <Stack gap={6} mt="xs" data-testid="inbox-place">
      <Text fw={600} size="sm">
        {t('inbox.placeIn')}
      </Text>
      <Group component="form" onSubmit={find} gap="xs" align="flex-end">
        <TextInput size="xs" label={t('inbox.number')} placeholder={t('inbox.numberHint')} value={number} onChange={(e) => setNumber(e.currentTarget.value)} w={220} data-testid="inbox-number" />
        <Button size="xs" type="submit" variant="default" leftSection={<IconSearch size={14} />} data-testid="inbox-find">
          {t('inbox.find')}
        </Button>
      </Group>
      {error && (
        <Text size="xs" c="red" data-testid="inbox-place-error">
          {error}
        </Text>
      )}
      {!asked && candidates && candidates.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('inbox.suggested')}
        </Text>
      )}
      {candidates === null ? (
        <Loader size="xs" />
      ) : candidates.length === 0 && !error ? (
        <Text size="xs" c="dimmed" data-testid="inbox-no-candidates">
          {t('inbox.noCandidates')}
        </Text>
      ) : (
        candidates.map((c) => (
          <UnstyledButton key={c.interventionId} className="inbox-item" disabled={busy} onClick={() => place(c)} data-testid="inbox-candidate" data-id={c.interventionId}>
            <Group justify="space-between" wrap="nowrap" gap={6}>
              <Text size="sm" truncate>
                <b>{c.number ?? t('inbox.draft')}</b> · {c.client} · {c.object}
              </Text>
              <Group gap={4} wrap="nowrap">
                <Badge size="xs" variant="light" color="gray">
                  {statusLabel(t, c.status)}
                </Badge>
                <IconArrowForwardUp size={14} />
                <Text size="xs">{t('inbox.attach')}</Text>
              </Group>
            </Group>
          </UnstyledButton>
        ))
      )}
      <Group justify="space-between">
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} disabled={busy} onClick={onCreate} data-testid="inbox-create">
          {t('inbox.create')}
        </Button>
        <Button size="xs" variant="subtle" color="gray" leftSection={<IconArchive size={14} />} disabled={busy} onClick={() => act(api.call('mail.inbox.dismiss', { id: mail.id }), () => t('inbox.dismissed'))} data-testid="inbox-dismiss">
          {t('inbox.dismiss')}
        </Button>
      </Group>
    </Stack>
  );
}
