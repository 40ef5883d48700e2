import { ActionIcon, Button, Combobox, Group, Progress, Select, Stack, Text, Textarea, Tooltip, useCombobox } from '@mantine/core';
import { IconPaperclip, IconSend, IconX } from '@tabler/icons-react';
import { useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../../shared/api/files';
import type { MethodInput } from '../../../../shared/api/contract';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import type { Uploads } from './use-uploads';
import { MESSAGE_MAX, type MessageMention } from '../../../../shared/api/thread';

export interface Mentionable {
  id: string;
  name: string;
}

export interface TemplateChoice {
  id: string;
  name: string;
}

/** "@" then up to two words before the caret: what is being typed as a mention, or null. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(?:^|\s)@([\p{L}\p{N}.'-]*(?: [\p{L}\p{N}.'-]*)?)$/u.exec(before);
  if (!m) return null;
  return { start: caret - m[1]!.length - 1, query: m[1]! };
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();

interface Props {
  interventionId: string;
  people: Mentionable[];
  templates: TemplateChoice[];
  uploads: Uploads;
  onSent: () => void;
  openFilePicker: () => void;
}

/**
 * The message being written: text with @mentions (picked from the active personnel, sent as
 * ids: main never guesses them from the text), the attached files and the Send button.
 */
export function Composer({ interventionId, people, templates, uploads, onSent, openFilePicker }: Props) {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [mentioned, setMentioned] = useState<MessageMention[]>([]);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });

  const matches = useMemo(() => {
    if (!query) return [];
    const q = fold(query.query);
    // Names that start with what is typed come first, then those with a later word that does.
    const starts = people.filter((p) => fold(p.name).startsWith(q));
    const words = people.filter((p) => !fold(p.name).startsWith(q) && fold(p.name).split(/\s+/).some((w) => w.startsWith(q)));
    return [...starts, ...words].slice(0, 8);
  }, [people, query]);
  const showList = query !== null && (matches.length > 0 || !query.query.includes(' '));

  const track = (text: string, caret: number) => {
    const q = mentionQuery(text, caret);
    setQuery(q);
    if (q) {
      combobox.openDropdown();
      requestAnimationFrame(() => combobox.selectFirstOption());
    } else combobox.closeDropdown();
  };

  const pick = (personId: string) => {
    const person = people.find((p) => p.id === personId);
    if (!person || !query) return;
    const rest = body.slice(query.start + 1 + query.query.length);
    // One space after the name, unless the text after it already starts with one.
    const insert = /^\s/.test(rest) ? `@${person.name}` : `@${person.name} `;
    const next = body.slice(0, query.start) + insert + rest;
    const caret = query.start + insert.length;
    setBody(next);
    setMentioned((list) => (list.some((m) => m.personId === person.id) ? list : [...list, { personId: person.id, name: person.name }]));
    setQuery(null);
    combobox.closeDropdown();
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(caret, caret);
    });
  };

  const send = async () => {
    if (busy) return;
    const items = uploads.items;
    if (items.some((u) => u.status === 'uploading')) return setError(t('thread.composer.waitUploads'));
    const done = items.filter((u) => u.status === 'done' && u.uploaded);
    const text = body.trim();
    if (!text && done.length === 0) return setError(t('thread.composer.empty'));
    if (text.length > MESSAGE_MAX) return setError(t('thread.composer.tooLong', { count: text.length - MESSAGE_MAX }));
    // Only the people still named in the text: a mention deleted while typing is not sent.
    const mentionIds = mentioned.filter((m) => text.includes(`@${m.name}`)).map((m) => m.personId);
    setBusy(true);
    setError(null);
    try {
      if (done.length === 0) {
        await api.call('interventions.messages.add', { id: interventionId, body: text, kind: 'note', ...(mentionIds.length ? { mentionIds } : {}) });
      } else {
        // One file per message (a message holds one); the text and the mentions go with the first.
        for (const [i, u] of done.entries()) {
          const input: MethodInput<'interventions.messages.add'> = {
            id: interventionId,
            body: i === 0 ? text : '',
            kind: 'note',
            attachmentId: u.uploaded?.id ?? null,
            ...(u.templateId ? { templateId: u.templateId } : {}),
            ...(i === 0 && mentionIds.length ? { mentionIds } : {}),
          };
          await api.call('interventions.messages.add', input);
          uploads.remove(u.key);
          if (i === 0) setBody('');
        }
      }
      setBody('');
      setMentioned([]);
      uploads.clearRefusal();
      onSent();
    } catch (e) {
      // The text and the files stay: nothing typed is lost on a refusal.
      setError(toCallError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (combobox.dropdownOpened && showList) {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        combobox.selectNextOption();
        return;
      }
      if (e.key === 'ArrowUp') {
        e.preventDefault();
        combobox.selectPreviousOption();
        return;
      }
      if ((e.key === 'Enter' || e.key === 'Tab') && !e.ctrlKey && matches.length > 0) {
        e.preventDefault();
        combobox.clickSelectedOption();
        return;
      }
      if (e.key === 'Escape') {
        // Closes the list only, not the form.
        e.preventDefault();
        e.stopPropagation();
        setQuery(null);
        combobox.closeDropdown();
        return;
      }
    }
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      void send();
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...e.clipboardData.files];
    if (files.length === 0) return;
    e.preventDefault();
    uploads.add(files);
  };

  const shownError = error ?? uploads.refusal;
  const left = MESSAGE_MAX - body.trim().length;
  const templateData = [{ value: '', label: t('thread.composer.noTemplate') }, ...templates.map((x) => ({ value: x.id, label: x.name }))];

  return (
    <Stack gap={6} className="thread-composer" data-testid="thread-composer">
      <Combobox store={combobox} onOptionSubmit={pick} withinPortal={false} position="top-start" width={280} size="xs">
        <Combobox.Target withKeyboardNavigation={false}>
          <Textarea
            ref={area}
            label={t('thread.composer.label')}
            placeholder={t('thread.composer.placeholder')}
            value={body}
            onChange={(e) => {
              const el = e.currentTarget;
              setBody(el.value);
              setError(null);
              track(el.value, el.selectionStart);
            }}
            onClick={(e) => track(e.currentTarget.value, e.currentTarget.selectionStart)}
            onBlur={() => combobox.closeDropdown()}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            error={shownError}
            autosize
            minRows={2}
            maxRows={6}
            // No maxLength: a pasted text longer than the limit is kept whole, counted and refused,
            // never cut silently.
            data-testid="ivf-message-body"
          />
        </Combobox.Target>
        <Combobox.Dropdown hidden={!showList} data-testid="thread-mention-list">
          <Combobox.Options>
            {matches.length === 0 ? (
              <Combobox.Empty>{t('thread.composer.mentionNone')}</Combobox.Empty>
            ) : (
              matches.map((p) => (
                <Combobox.Option value={p.id} key={p.id} data-testid="thread-mention-option" onMouseDown={(e) => e.preventDefault()}>
                  {p.name}
                </Combobox.Option>
              ))
            )}
          </Combobox.Options>
          <Combobox.Footer>
            <Text size="xs" c="dimmed">
              {t('thread.composer.mentionHint')}
            </Text>
          </Combobox.Footer>
        </Combobox.Dropdown>
      </Combobox>
      {uploads.items.length > 0 && (
        <Stack gap={4} data-testid="thread-uploads">
          {uploads.items.map((u) => (
            <Group key={u.key} gap={8} wrap="nowrap" className="thread-upload" data-testid="thread-upload" data-status={u.status}>
              <IconPaperclip size={14} style={{ flex: 'none' }} />
              <Text size="xs" truncate style={{ minWidth: 0, flex: '0 1 auto' }}>
                {u.file.name}
              </Text>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {formatBytes(u.file.size)}
              </Text>
              {u.status === 'uploading' && (
                <>
                  <Progress value={u.file.size ? (100 * u.sent) / u.file.size : 0} size="sm" style={{ flex: 1, minWidth: 60 }} data-testid="thread-upload-progress" />
                  <Text size="xs" c="dimmed" w={40} ta="right">
                    {new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 }).format(u.file.size ? u.sent / u.file.size : 0)}
                  </Text>
                </>
              )}
              {u.status === 'error' && (
                <Text size="xs" c="red" style={{ flex: 1 }} data-testid="thread-upload-error">
                  {u.error}
                </Text>
              )}
              {u.status === 'done' && templates.length > 0 && (
                <Select
                  size="xs"
                  w={220}
                  aria-label={t('thread.composer.fillsTemplate')}
                  placeholder={t('thread.composer.fillsTemplate')}
                  data={templateData}
                  value={u.templateId ?? ''}
                  onChange={(v) => uploads.setTemplate(u.key, v ? v : null)}
                  allowDeselect={false}
                  data-testid="thread-upload-template"
                />
              )}
              {u.status === 'done' && <span style={{ flex: 1 }} />}
              <Tooltip label={u.status === 'uploading' ? t('thread.composer.cancelUpload', { name: u.file.name }) : t('thread.composer.remove', { name: u.file.name })}>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="gray"
                  onClick={() => uploads.remove(u.key)}
                  aria-label={u.status === 'uploading' ? t('thread.composer.cancelUpload', { name: u.file.name }) : t('thread.composer.remove', { name: u.file.name })}
                  data-testid="thread-upload-remove"
                >
                  <IconX size={14} />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
        </Stack>
      )}
      <Group justify="space-between" wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          <Tooltip label={t('thread.composer.attach')}>
            <ActionIcon variant="default" size="md" onClick={openFilePicker} aria-label={t('thread.composer.attach')} data-testid="thread-attach">
              <IconPaperclip size={16} />
            </ActionIcon>
          </Tooltip>
          <Text size="xs" c="dimmed">
            {t('thread.composer.hint')}
          </Text>
        </Group>
        <Text size="xs" c={left < 0 ? 'red' : left < 200 ? 'orange.8' : 'dimmed'} className="thread-count" aria-live="polite" data-testid="thread-count" data-left={left}>
          {t('thread.composer.left', { count: left })}
        </Text>
        <Button size="xs" leftSection={<IconSend size={14} />} loading={busy} onClick={() => void send()} data-testid="ivf-message-add">
          {t('thread.composer.send')}
        </Button>
      </Group>
    </Stack>
  );
}
