import { Alert, Button, Group, Kbd, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '../../../../shared/domain/permissions';
import { PhoneLink } from '../../kit/phone-link';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { useListCursor } from '../../kit/use-list-cursor';
import { ClientEditor } from './client-editor';
import './clients.css';
import type { ClientRow } from '../../../../shared/api/clients';
import type { Me } from '../../../../shared/api/auth';

const LIMIT = 200;
const DEBOUNCE_MS = 200;

/** What the editor panel shows: nothing, a new client, or one client by id. */
type Open = { kind: 'none' } | { kind: 'new'; seq: number } | { kind: 'client'; id: string; seq: number };

/**
 * The Clients module: a dense list searched as you type (name, fiscal code, phone) and, beside
 * it, the editor of the open client. Arrows move, Enter opens, Insert adds.
 */
export function ClientsWindow({ me }: { me: Me }) {
  const { t } = useTranslation();
  const api = useApi();
  const canWrite = allows(me.rights, 'clients', 'write');
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<ClientRow[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [pending, setPending] = useState<Open | null>(null);
  const dirty = useRef(false);
  const seq = useRef(0);
  const request = useRef(0);
  const searchRef = useRef<HTMLInputElement>(null);
  // The keys and the cursor of the list are those of the administration lists (one hook).
  const { cursor, setCursor, listRef, onKeyDown: onListKey, pick } = useListCursor({ rows, onOpen: (r) => openClient(r.id), onAdd: () => addClient() });

  const reload = useCallback(
    (q: string) => {
      const mine = ++request.current;
      setLoading(true);
      api.call('clients.list', q.trim() ? { query: q.trim(), limit: LIMIT } : { limit: LIMIT }).then(
        (list) => {
          if (mine !== request.current) return;
          setRows(list);
          setError(null);
          setLoading(false);
          setCursor((c) => Math.min(c, Math.max(0, list.length - 1)));
        },
        (e: unknown) => {
          if (mine !== request.current) return;
          setError(toCallError(e).message);
          setLoading(false);
        },
      );
    },
    [api, setCursor],
  );

  useEffect(() => {
    const timer = setTimeout(() => reload(query), query ? DEBOUNCE_MS : 0);
    return () => clearTimeout(timer);
  }, [query, reload]);

  // Another window or operator changed clients: show it.
  const reloadCurrent = useEffectEvent(() => reload(query));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = api.on('data.changed', ({ capability }) => {
      if (capability !== 'clients') return;
      timer ??= setTimeout(() => {
        timer = null;
        reloadCurrent();
      }, 250);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [api]);

  /** Opens something in the editor, asking first when the open client has unsaved changes. */
  const request_ = (next: Open) => {
    if (dirty.current && open.kind !== 'none') setPending(next);
    else {
      dirty.current = false;
      setOpen(next);
    }
  };
  const openClient = (id: string) => request_({ kind: 'client', id, seq: ++seq.current });
  const addClient = () => canWrite && request_({ kind: 'new', seq: ++seq.current });
  const closeEditor = () => {
    request_({ kind: 'none' });
  };

  const openId = open.kind === 'client' ? open.id : null;

  return (
    <div className="clx-window" data-testid="clients-window">
      <div className="clx-listpane" onKeyDown={(e) => e.key === 'Insert' && (e.preventDefault(), addClient())}>
        <div className="clx-toolbar">
          <TextInput
            ref={searchRef}
            size="xs"
            w={300}
            value={query}
            onChange={(e) => {
              setQuery(e.currentTarget.value);
              setCursor(0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Enter' || e.key === 'PageDown' || e.key === 'PageUp') onListKey(e);
              else if (e.key === 'Escape' && query) {
                e.preventDefault();
                setQuery('');
              }
            }}
            placeholder={t('clients.searchPlaceholder')}
            aria-label={t('clients.search')}
            leftSection={<IconSearch size={14} stroke={1.8} />}
            data-testid="client-search"
            autoFocus
          />
          {canWrite && (
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} rightSection={<Kbd size="xs">Ins</Kbd>} onClick={addClient} data-testid="client-add">
              {t('clients.add')}
            </Button>
          )}
          <div style={{ flex: 1 }} />
          <Text size="xs" c="dimmed" data-testid="clients-count" data-count={rows.length}>
            {t('clients.shown', { n: rows.length })}
          </Text>
        </div>
        {error && (
          <Alert color="red" p="xs">
            {t('clients.loadFailed', { reason: error })}
          </Alert>
        )}
        <div
          className="dense-list clx-list"
          ref={listRef}
          tabIndex={0}
          role="grid"
          aria-label={t('nav.clients')}
          aria-busy={loading}
          onKeyDown={onListKey}
          data-testid="clients-list"
          data-loading={loading ? 'true' : 'false'}
        >
          <table className="dense-table">
            <thead>
              <tr>
                <th style={{ width: '26%' }}>{t('clients.field.name')}</th>
                <th style={{ width: 76 }}>{t('clients.field.kind')}</th>
                <th style={{ width: 132 }}>{t('clients.field.fiscalCode')}</th>
                <th>{t('clients.field.locality')}</th>
                <th>{t('clients.field.county')}</th>
                <th style={{ width: 44 }} title={t('clients.field.country')}>
                  {t('clients.field.country')}
                </th>
                <th style={{ width: 132 }}>{t('clients.field.phone')}</th>
                <th>{t('clients.field.email')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr
                  key={r.id}
                  data-index={i}
                  data-testid="client-row"
                  data-client-id={r.id}
                  aria-selected={i === cursor}
                  className={`${i === cursor ? 'dense-cursor' : ''} ${r.id === openId ? 'dense-open' : ''}`}
                  onClick={() => pick(i)}
                  onDoubleClick={() => openClient(r.id)}
                >
                  <td className="dense-strong" title={r.name}>
                    <button type="button" className="clx-link" tabIndex={-1} onClick={() => openClient(r.id)}>
                      {r.name}
                    </button>
                  </td>
                  <td>{r.kind === 'company' ? t('clients.kind.company') : t('clients.kind.person')}</td>
                  <td className="clx-mono">{r.fiscalCode}</td>
                  <td>{r.locality}</td>
                  <td>{r.county}</td>
                  <td>{r.country}</td>
                  <td className="clx-mono">{r.phone ? <PhoneLink number={r.phone} /> : ''}</td>
                  <td title={r.email ?? ''}>{r.email}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!loading && rows.length === 0 && <div className="dense-empty">{t('clients.empty')}</div>}
        </div>
        <Text size="xs" c="dimmed" className="clx-hint">
          {t('clients.keysHint')}
        </Text>
      </div>

      {open.kind !== 'none' && (
        <div className="dense-pane clx-editorpane">
          <ClientEditor
            key={open.seq}
            clientId={open.kind === 'client' ? open.id : null}
            canWrite={canWrite}
            contracts={allows(me.rights, 'calendar', 'write') ? 'write' : allows(me.rights, 'calendar', 'read') ? 'read' : 'none'}
            onRequestClose={closeEditor}
            onSaved={(row) => {
              if (open.kind === 'new') {
                dirty.current = false;
                setOpen({ kind: 'client', id: row.id, seq: ++seq.current });
              }
              reload(query);
            }}
            onDeleted={() => {
              dirty.current = false;
              setOpen({ kind: 'none' });
              reload(query);
            }}
            onOpen={openClient}
            onDirtyChange={(d) => {
              dirty.current = d;
            }}
          />
        </div>
      )}

      <Modal opened={pending !== null} onClose={() => setPending(null)} title={t('clients.discard.title')} size="sm" closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack gap="md" data-testid="discard-dialog">
          <Text size="sm">{t('clients.discard.body')}</Text>
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setPending(null)} data-autofocus data-testid="discard-keep">
              {t('clients.discard.keep')}
            </Button>
            <Button
              size="xs"
              color="red"
              onClick={() => {
                dirty.current = false;
                if (pending) setOpen(pending);
                setPending(null);
                if (pending?.kind === 'none') listRef.current?.focus();
              }}
              data-testid="discard-confirm"
            >
              {t('clients.discard.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </div>
  );
}
