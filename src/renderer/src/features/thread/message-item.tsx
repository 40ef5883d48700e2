import { Group, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconArrowDownLeft, IconArrowUpRight, IconInfoCircle, IconMail, IconMailForward, IconMessage, IconPhone } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageMention, RegisterEntry, ThreadMessage } from '../../../../shared/api/thread';
import type { MessageKind } from '../../../../shared/domain/intervention';
import { gridFormat } from '../../kit/format';
import { kindLabel } from '../../kit/labels';
import { QuotedFold } from '../../kit/quoted-fold';
import { AttachmentView, DownloadChip } from './attachment-view';
const KIND_ICON: Record<MessageKind, { icon: ReactNode; color: string }> = {
  note: { icon: <IconMessage size={14} />, color: 'blue' },
  email_in: { icon: <IconMail size={14} />, color: 'grape' },
  email_out: { icon: <IconMailForward size={14} />, color: 'grape' },
  call: { icon: <IconPhone size={14} />, color: 'teal' },
  system: { icon: <IconInfoCircle size={14} />, color: 'orange' },
};

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text with the mentions of the message highlighted. Only the people the message really
 * mentions (main's rows) are marked: an "@word" typed by hand is just text.
 */
function MentionText({ body, mentions }: { body: string; mentions: MessageMention[] }) {
  if (mentions.length === 0) return <>{body}</>;
  const names = [...mentions].sort((a, b) => b.name.length - a.name.length).map((m) => escapeRe(m.name));
  const re = new RegExp(`@(${names.join('|')})`, 'g');
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of body.matchAll(re)) {
    if (m.index > last) parts.push(body.slice(last, m.index));
    parts.push(
      <span key={m.index} className="thread-mention" data-testid="thread-mention">
        {m[0]}
      </span>,
    );
    last = m.index + m[0].length;
  }
  if (last < body.length) parts.push(body.slice(last));
  return <>{parts}</>;
}

/** A correspondence-register entry linked into the thread. */
function RegisterCard({ entry }: { entry: RegisterEntry }) {
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  return (
    <div className="thread-register" data-testid="thread-register-card">
      <Group gap={6} wrap="nowrap">
        {entry.direction === 'in' ? <IconArrowDownLeft size={16} color="var(--mantine-color-teal-7)" /> : <IconArrowUpRight size={16} color="var(--mantine-color-blue-7)" />}
        <Text size="sm" fw={600}>
          {t('thread.register.cardTitle', { number: entry.number })}
        </Text>
        <Text size="xs" c="dimmed">
          {fmt.date(entry.date)} · {entry.direction === 'in' ? t('thread.register.directions.in') : t('thread.register.directions.out')}
        </Text>
      </Group>
      <Text size="sm">
        <Text span size="xs" c="dimmed">
          {t('thread.register.party')}:{' '}
        </Text>
        {entry.party}
      </Text>
      <Text size="sm">
        <Text span size="xs" c="dimmed">
          {t('thread.register.subject')}:{' '}
        </Text>
        {entry.subject}
      </Text>
      {entry.attachment && <DownloadChip file={entry.attachment} testId="thread-register-file" />}
    </div>
  );
}

export function MessageItem({ m }: { m: ThreadMessage }) {
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  const kind = KIND_ICON[m.kind];
  return (
    <div className={`thread-message${m.kind === 'system' ? ' thread-system' : ''}`} data-testid="ivf-message" data-kind={m.kind}>
      <Tooltip label={kindLabel(t, m.kind)} openDelay={300}>
        <ThemeIcon size={24} radius="xl" variant="light" color={kind.color} className="thread-kind" aria-label={kindLabel(t, m.kind)}>
          {kind.icon}
        </ThemeIcon>
      </Tooltip>
      <div className="thread-content">
        <Group gap={8} justify="space-between" wrap="nowrap">
          <Text size="xs" fw={600} truncate>
            {m.personName ?? t('thread.system')}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {fmt.dateTime(m.at)}
          </Text>
        </Group>
        {m.body && (
          <Text size="sm" className="thread-body" data-testid="thread-body">
            <MentionText body={m.body} mentions={m.mentions ?? []} />
          </Text>
        )}
        {m.quoted && <QuotedFold text={m.quoted} testId="thread-quoted" />}
        {m.attachment && <AttachmentView file={m.attachment} templateName={m.templateName} />}
        {m.registerEntry && <RegisterCard entry={m.registerEntry} />}
      </div>
    </div>
  );
}
