import { ActionIcon, Alert, Button, Group, Loader, Modal, Progress, SegmentedControl, Stack, Table, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDownLeft, IconArrowUpRight, IconLink, IconPaperclip, IconPlus, IconSearch, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../../shared/api/files';
import type { FieldIssue } from '../../../../shared/api/result';
import { useApi } from '../../api/context';
import { localDay } from '../../api/host-clock';
import { toCallError } from '../../api/errors';
import { isAbort, uploadFile, type UploadedFile } from '../../api/files';
import { DownloadChip } from './attachment-view';
import { gridFormat } from '../../kit/format';
import type { RegisterEntry } from '../../../../shared/api/thread';

type Direction = 'in' | 'out';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** When given, each entry can be linked to this intervention (a message pointing to it). */
  interventionId?: string;
  onLinked?: () => void;
}

/** The correspondence register: search the entries, add one (numbered on save), link one to the intervention. */
export function RegisterDialog({ opened, onClose, interventionId, onLinked }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'list' | 'new'>('list');
  const [fresh, setFresh] = useState<string | null>(null);
  return (
    <Modal
      opened={opened}
      onClose={() => {
        setMode('list');
        onClose();
      }}
      title={t('thread.register.title')}
      size="min(1040px, 96vw)"
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
      data-testid="register-dialog"
    >
      {mode === 'list' ? (
        <RegisterList
          interventionId={interventionId}
          highlight={fresh}
          onNew={() => setMode('new')}
          onLinked={() => {
            onLinked?.();
            onClose();
          }}
        />
      ) : (
        <NewEntry
          onCancel={() => setMode('list')}
          onSaved={(entry) => {
            setFresh(entry.id);
            setMode('list');
          }}
        />
      )}
    </Modal>
  );
}

function RegisterList({ interventionId, highlight, onNew, onLinked }: { interventionId: string | undefined; highlight: string | null; onNew: () => void; onLinked: () => void }) {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  const [query, setQuery] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [direction, setDirection] = useState<'any' | Direction>('any');
  const [rows, setRows] = useState<RegisterEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [linking, setLinking] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    // Typed searches wait a moment, so each keystroke does not ask main.
    const timer = setTimeout(() => {
      api
        .call('register.list', {
          ...(query.trim() ? { query: query.trim() } : {}),
          from: from || null,
          to: to || null,
          direction: direction === 'any' ? null : direction,
        })
        .then(
          (r) => {
            if (stale) return;
            setRows(r);
            setError(null);
            setIssues([]);
          },
          (e: unknown) => {
            if (stale) return;
            const err = toCallError(e);
            setIssues(err.issues);
            setError(err.issues.length ? null : err.message);
          },
        );
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [api, query, from, to, direction]);

  const link = async (entry: RegisterEntry) => {
    if (!interventionId) return;
    setLinking(entry.id);
    try {
      await api.call('interventions.messages.add', { id: interventionId, body: '', kind: 'note', registerEntryId: entry.id });
      notifications.show({ color: 'teal', message: t('thread.register.linked', { number: entry.number }) });
      onLinked();
    } catch (e) {
      notifications.show({ color: 'red', message: toCallError(e).message });
    } finally {
      setLinking(null);
    }
  };

  const issueOf = (path: string) => issues.find((i) => i.path === path)?.message;

  return (
    <Stack gap="sm">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          style={{ flex: 1, minWidth: 220 }}
          size="xs"
          leftSection={<IconSearch size={14} />}
          placeholder={t('thread.register.search')}
          aria-label={t('thread.register.search')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          maxLength={100}
          data-autofocus
          data-testid="register-search"
        />
        <TextInput size="xs" type="date" label={t('thread.register.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={issueOf('from')} data-testid="register-from" />
        <TextInput size="xs" type="date" label={t('thread.register.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} error={issueOf('to')} data-testid="register-to" />
        <SegmentedControl
          size="xs"
          value={direction}
          onChange={(v) => setDirection(v)}
          data={[
            { value: 'any', label: t('thread.register.anyDirection') },
            { value: 'in', label: t('thread.register.directions.in') },
            { value: 'out', label: t('thread.register.directions.out') },
          ]}
          aria-label={t('thread.register.direction')}
        />
        <Button size="xs" leftSection={<IconPlus size={14} />} onClick={onNew} data-testid="register-new">
          {t('thread.register.newEntry')}
        </Button>
      </Group>
      {error && (
        <Alert color="red" variant="light" p="xs">
          <Text size="sm">{t('thread.register.loadFailed', { reason: error })}</Text>
        </Alert>
      )}
      {rows === null && !error ? (
        <Loader size="sm" />
      ) : rows && rows.length === 0 ? (
        <Text size="sm" c="dimmed" py="md" ta="center" data-testid="register-empty">
          {t('thread.register.none')}
        </Text>
      ) : rows ? (
        <div style={{ maxHeight: '56vh', overflow: 'auto' }}>
          <Table striped highlightOnHover withTableBorder verticalSpacing={4} horizontalSpacing="xs" fz="xs" stickyHeader data-testid="register-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>{t('thread.register.number')}</Table.Th>
                <Table.Th w={96}>{t('thread.register.date')}</Table.Th>
                <Table.Th w={90}>{t('thread.register.direction')}</Table.Th>
                <Table.Th>{t('thread.register.party')}</Table.Th>
                <Table.Th>{t('thread.register.subject')}</Table.Th>
                <Table.Th w={200}>{t('thread.register.file')}</Table.Th>
                {interventionId && <Table.Th w={44} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id} data-testid="register-row" bg={r.id === highlight ? 'var(--mantine-color-yellow-0)' : undefined}>
                  <Table.Td fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {r.number}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(r.date)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {r.direction === 'in' ? <IconArrowDownLeft size={14} color="var(--mantine-color-teal-7)" /> : <IconArrowUpRight size={14} color="var(--mantine-color-blue-7)" />}
                      {r.direction === 'in' ? t('thread.register.directions.in') : t('thread.register.directions.out')}
                    </Group>
                  </Table.Td>
                  <Table.Td>{r.party}</Table.Td>
                  <Table.Td>{r.subject}</Table.Td>
                  <Table.Td>{r.attachment ? <DownloadChip file={r.attachment} testId="register-file" /> : '—'}</Table.Td>
                  {interventionId && (
                    <Table.Td>
                      <Tooltip label={t('thread.register.link')}>
                        <ActionIcon size="sm" variant="light" loading={linking === r.id} onClick={() => void link(r)} aria-label={t('thread.register.link')} data-testid="register-link">
                          <IconLink size={14} />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      ) : null}
      {rows && rows.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('thread.register.count', { count: rows.length })}
        </Text>
      )}
    </Stack>
  );
}

function NewEntry({ onCancel, onSaved }: { onCancel: () => void; onSaved: (entry: RegisterEntry) => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const [date, setDate] = useState(() => localDay());
  const [direction, setDirection] = useState<Direction>('in');
  const [party, setParty] = useState('');
  const [subject, setSubject] = useState('');
  const [file, setFile] = useState<{ name: string; size: number; sent: number; uploaded: UploadedFile | null } | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const upload = useRef<AbortController | null>(null);

  useEffect(() => () => upload.current?.abort(), []);

  const issueOf = (path: string) => {
    const m = issues.find((i) => i.path === path)?.message;
    return m === 'required' ? t('thread.register.required') : m;
  };

  const attach = (f: File) => {
    upload.current?.abort();
    const controller = new AbortController();
    upload.current = controller;
    setFile({ name: f.name, size: f.size, sent: 0, uploaded: null });
    setError(null);
    uploadFile(f, { signal: controller.signal, onProgress: (sent) => setFile((x) => (x ? { ...x, sent } : x)) }).then(
      (uploaded) => setFile((x) => (x ? { ...x, uploaded, sent: f.size } : x)),
      (e: unknown) => {
        if (isAbort(e)) return;
        setFile(null);
        setError(toCallError(e).message);
      },
    );
  };

  const save = async () => {
    const missing: FieldIssue[] = [];
    if (!party.trim()) missing.push({ path: 'party', message: 'required' });
    if (!subject.trim()) missing.push({ path: 'subject', message: 'required' });
    if (!date) missing.push({ path: 'date', message: 'required' });
    setIssues(missing);
    if (missing.length) return;
    if (file && !file.uploaded) return setError(t('thread.composer.waitUploads'));
    setBusy(true);
    setError(null);
    try {
      const entry = await api.call('register.create', { date, direction, party: party.trim(), subject: subject.trim(), attachmentId: file?.uploaded?.id ?? null });
      notifications.show({ color: 'teal', message: t('thread.register.saved', { number: entry.number }) });
      onSaved(entry);
    } catch (e) {
      const err = toCallError(e);
      setIssues(err.issues);
      setError(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack
      gap="sm"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="register-form"
    >
      <Text size="xs" c="dimmed">
        {t('thread.register.numberHint')}
      </Text>
      {issueOf('number') && (
        <Alert color="red" variant="light" p="xs" data-testid="register-number-error">
          <Text size="sm">{error}</Text>
        </Alert>
      )}
      <Group gap="sm" align="flex-start" grow>
        <TextInput type="date" label={t('thread.register.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} error={issueOf('date') && (error ?? issueOf('date'))} withAsterisk data-testid="register-date" />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('thread.register.direction')}
          </Text>
          <SegmentedControl
            value={direction}
            onChange={(v) => setDirection(v)}
            data={[
              { value: 'in', label: t('thread.register.directions.in') },
              { value: 'out', label: t('thread.register.directions.out') },
            ]}
            data-testid="register-direction"
          />
        </Stack>
      </Group>
      <TextInput label={t('thread.register.party')} value={party} onChange={(e) => setParty(e.currentTarget.value)} error={issueOf('party')} maxLength={200} withAsterisk data-autofocus data-testid="register-party" />
      <Textarea label={t('thread.register.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} error={issueOf('subject')} maxLength={500} autosize minRows={2} withAsterisk data-testid="register-subject" />
      <Group gap="xs">
        <Button size="xs" variant="default" leftSection={<IconPaperclip size={14} />} onClick={() => input.current?.click()} data-testid="register-attach">
          {t('thread.register.attachFile')}
        </Button>
        {file && (
          <Group gap={6} wrap="nowrap" data-testid="register-upload">
            <Text size="xs">{file.name}</Text>
            <Text size="xs" c="dimmed">
              {formatBytes(file.size)}
            </Text>
            {!file.uploaded && <Progress value={file.size ? (100 * file.sent) / file.size : 0} size="sm" w={100} />}
            <ActionIcon
              size="sm"
              variant="subtle"
              color="gray"
              onClick={() => {
                upload.current?.abort();
                setFile(null);
              }}
              aria-label={t('thread.composer.remove', { name: file.name })}
            >
              <IconX size={14} />
            </ActionIcon>
          </Group>
        )}
        <input
          ref={input}
          type="file"
          hidden
          data-testid="register-file-input"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (f) attach(f);
          }}
        />
      </Group>
      {error && !issueOf('number') && !issueOf('date') && (
        <Text size="sm" c="red" data-testid="register-error">
          {error}
        </Text>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" size="xs" onClick={onCancel}>
          {t('thread.register.cancel')}
        </Button>
        <Button type="submit" size="xs" loading={busy} data-testid="register-save">
          {t('thread.register.save')}
        </Button>
      </Group>
    </Stack>
  );
}
