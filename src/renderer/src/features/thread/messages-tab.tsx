import { InterventionCallsSlot } from '../../kit/slots';
import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconBook2, IconFileText, IconUpload } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isClosed, type InterventionStatus } from '../../../../shared/domain/intervention';
import { useApi } from '../../api/context';
import type { InterventionThreadProps } from '../../kit/slots';
import { toCallError } from '../../api/errors';
import { RegisterDialog } from './register-dialog';
import { sheetUrl } from '../../kit/page-urls';
import { Composer, type Mentionable, type TemplateChoice } from './composer';
import { MessageItem } from './message-item';
import { useUploads } from './use-uploads';
import './thread.css';
import type { ThreadMessage } from '../../../../shared/api/thread';

/** Tables whose changes can alter what the thread shows. */

/**
 * The intervention's Messages page: the thread in time order, the composer (mentions, files by
 * button, drag-and-drop or paste), the correspondence register and the evolution sheet.
 * Closed interventions still take messages (the rule: read-only except for new messages).
 */
export function MessagesTab({ id, version, canWrite }: InterventionThreadProps) {
  const api = useApi();
  const { t } = useTranslation();
  const [list, setList] = useState<ThreadMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [people, setPeople] = useState<Mentionable[]>([]);
  const [templates, setTemplates] = useState<TemplateChoice[]>([]);
  const [status, setStatus] = useState<InterventionStatus | null>(null);
  const [maxBytes, setMaxBytes] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  const [registerOpen, setRegisterOpen] = useState(false);
  const uploads = useUploads(maxBytes);
  const fileInput = useRef<HTMLInputElement>(null);
  const end = useRef<HTMLDivElement>(null);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let stale = false;
    api.call('interventions.messages.list', { id }).then(
      (l) => {
        if (stale) return;
        setList(l);
        setError(null);
        // Shown, so read: the user's unread count of this intervention clears (in every grid of theirs).
        const newest = l.reduce((m, x) => Math.max(m, x.at), 0);
        if (newest > 0) api.call('interventions.messages.markRead', { id, upTo: newest }).catch(() => undefined);
      },
      (e: unknown) => !stale && setError(toCallError(e).message),
    );
    return () => {
      stale = true;
    };
  }, [api, id, version, tick]);

  // What the composer needs beside the thread; each may fail without blocking the thread.
  useEffect(() => {
    let stale = false;
    api.call('interventions.lookups', {}).then(
      (l) => !stale && setPeople(l.personnel.map((p) => ({ id: p.id, name: p.name }))),
      () => undefined,
    );
    api.call('settings.get', {}).then(
      (s) => !stale && setMaxBytes(s.attachmentMaxBytes),
      () => undefined,
    );
    return () => {
      stale = true;
    };
  }, [api]);

  useEffect(() => {
    let stale = false;
    api.call('interventions.get', { id }).then(
      (d) => {
        if (stale) return;
        setStatus(d.status);
        setTemplates(Array.isArray(d.templates) ? d.templates.map((x) => ({ id: x.id, name: x.name })) : []);
      },
      () => undefined,
    );
    return () => {
      stale = true;
    };
  }, [api, id, version]);

  useEffect(
    () =>
      api.on('data.changed', ({ capability, ids }) => {
        if (capability === 'thread' && ids.includes(id)) reload();
      }),
    [api, reload, id],
  );

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [list?.length]);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (!canWrite) return;
    if (e.dataTransfer.files.length) uploads.add([...e.dataTransfer.files]);
  };

  return (
    <Stack
      gap="sm"
      data-testid="ivf-messages"
      className="thread-tab"
      onDragOver={(e) => {
        if (canWrite && e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          {status && isClosed(status) ? t('thread.composer.closed') : ''}
        </Text>
        <Group gap={6}>
          <Button size="compact-sm" variant="default" leftSection={<IconBook2 size={14} />} onClick={() => setRegisterOpen(true)} data-testid="thread-register-open">
            {t('thread.register.open')}
          </Button>
          {/* A page of its own to print, like the quick report (the desktop app opens it in a window of its own). */}
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconFileText size={14} />}
            component="a"
            href={sheetUrl(id)}
            target="_blank"
            rel="noopener"
            title={t('thread.sheet.openHint')}
            data-testid="thread-sheet-open"
          >
            {t('thread.sheet.open')}
          </Button>
        </Group>
      <InterventionCallsSlot interventionId={id} />
      </Group>
      {error && (
        <Alert color="red" variant="light" p="xs" data-testid="thread-error">
          <Text size="sm">{t('thread.loadFailed', { reason: error })}</Text>
        </Alert>
      )}
      {list === null && !error && <Loader size="sm" />}
      {list && list.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="thread-empty">
          {t('thread.empty')}
        </Text>
      )}
      {list && list.length > 0 && (
        <div className="thread-list" data-testid="thread-list">
          {list.map((m) => (
            <MessageItem key={m.id} m={m} />
          ))}
          <div ref={end} />
        </div>
      )}
      <div className={`thread-drop${dragging ? ' thread-drop-active' : ''}`}>
        {/* Reading the thread needs the read right; writing in it the write right (main checks both). */}
        {canWrite ? (
          <Composer interventionId={id} people={people} templates={templates} uploads={uploads} onSent={reload} openFilePicker={() => fileInput.current?.click()} />
        ) : (
          <Text size="xs" c="dimmed" data-testid="thread-readonly">
            {t('thread.composer.readOnly')}
          </Text>
        )}
        {dragging && (
          <div className="thread-drop-overlay" data-testid="thread-drop-overlay">
            <IconUpload size={20} />
            <Text size="sm" fw={500}>
              {t('thread.composer.dropHere')}
            </Text>
          </div>
        )}
      </div>
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        data-testid="thread-file-input"
        onChange={(e) => {
          const files = e.currentTarget.files ? [...e.currentTarget.files] : [];
          // Cleared so that choosing the same file again fires a change.
          e.currentTarget.value = '';
          if (files.length) uploads.add(files);
        }}
      />
      <RegisterDialog opened={registerOpen} onClose={() => setRegisterOpen(false)} interventionId={id} onLinked={reload} />
    </Stack>
  );
}
