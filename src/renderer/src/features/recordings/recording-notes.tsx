import { ActionIcon, Button, Group, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordingNote } from '../../../../shared/api/recordings';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { formatDuration } from '../../kit/format';

interface Props {
  recordingId: string;
  notes: readonly RecordingNote[];
  canWrite: boolean;
  /** The player's position when the note is written, in seconds. */
  now: () => number;
  seek: (seconds: number) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  onError: (message: string) => void;
}

/**
 * Notes at moments of the call, in time order: a click goes there. A new note takes the moment
 * the player is at when the supervisor starts writing it (N, or a click in the field), so the
 * recording can play on while they type.
 */
export function RecordingNotes({ recordingId, notes, canWrite, now, seek, inputRef, onError }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [text, setText] = useState('');
  const [at, setAt] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async () => {
    if (!text.trim() || busy) return;
    setBusy(true);
    try {
      await api.call('recordings.note.add', { id: recordingId, atMs: Math.round((at ?? now()) * 1000), text: text.trim() });
      setText('');
      setAt(null);
    } catch (e) {
      onError(toCallError(e).message);
    } finally {
      setBusy(false);
    }
  };
  const remove = (noteId: string) => api.call('recordings.note.delete', { noteId }).catch((e: unknown) => onError(toCallError(e).message));

  return (
    <div className="rv-notes" data-testid="review-notes">
      <Text size="sm" fw={600} mb={4}>
        {t('recordings.notes.title')}
      </Text>
      {notes.length === 0 && (
        <Text size="xs" c="dimmed" data-testid="review-notes-empty">
          {t('recordings.notes.none')}
        </Text>
      )}
      {notes.map((n) => (
        <Group key={n.id} gap={6} wrap="nowrap" align="flex-start" className="rv-note" data-testid="review-note" data-at={n.atMs}>
          <UnstyledButton className="rv-note-at" onClick={() => seek(n.atMs / 1000)} aria-label={t('recordings.notes.goTo', { at: formatDuration(n.atMs / 1000) })}>
            {formatDuration(n.atMs / 1000)}
          </UnstyledButton>
          <Text size="xs" style={{ flex: 1, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {n.text}
            <Text span size="xs" c="dimmed">{` · ${n.author ?? '—'}`}</Text>
          </Text>
          {n.own && canWrite && (
            <ActionIcon size="sm" variant="subtle" color="gray" onClick={() => void remove(n.id)} aria-label={t('recordings.notes.remove')} data-testid="review-note-remove">
              <IconTrash size={12} />
            </ActionIcon>
          )}
        </Group>
      ))}
      {canWrite && (
        <Group gap={6} mt={6} wrap="nowrap">
          <TextInput
            ref={inputRef}
            size="xs"
            style={{ flex: 1 }}
            value={text}
            maxLength={2000}
            placeholder={at === null ? t('recordings.notes.placeholder') : t('recordings.notes.at', { at: formatDuration(at) })}
            aria-label={t('recordings.notes.add')}
            leftSection={at === null ? null : <Text size="xs" c="dimmed">{formatDuration(at)}</Text>}
            leftSectionWidth={at === null ? undefined : 40}
            onFocus={() => at === null && setAt(now())}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void add();
              } else if (e.key === 'Escape') {
                // The review pane then takes the focus back to the player.
                setText('');
                setAt(null);
              }
            }}
            data-testid="review-note-text"
          />
          <Button size="xs" variant="light" disabled={!text.trim()} loading={busy} onClick={() => void add()} data-testid="review-note-add">
            {t('recordings.notes.add')}
          </Button>
        </Group>
      )}
    </div>
  );
}
