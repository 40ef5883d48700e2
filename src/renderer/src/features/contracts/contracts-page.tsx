import { Alert, Badge, Button, Group, Kbd, Modal, Switch, Text, TextInput } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../shared/api/auth';
import type { ServiceContract } from '../../../../shared/api/contracts';
import type { InterventionLookups } from '../../../../shared/api/interventions';
import { addDays } from '../../../../shared/domain/contract-schedule';
import { allows } from '../../../../shared/domain/permissions';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { useListCursor } from '../../kit/use-list-cursor';
import { ContractFormDialog } from './contract-form';
import { dayText } from '../../kit/day-text';
import { scheduleText } from './schedule-text';
import './contracts.css';

/** What the form shows: a contract, a new one, or nothing. */
type Editing = { contract: ServiceContract | null } | null;

/** The next visit, and whether it is an intervention yet (or the day it will be). */
export function NextVisit({ contract }: { contract: ServiceContract }) {
  const { t, i18n } = useTranslation();
  const next = contract.next;
  if (contract.problem)
    return (
      <Text size="xs" c="red" title={contract.problem.message} data-testid="contract-problem">
        ⚠ {t('contracts.problem', { date: dayText(i18n.language, contract.problem.day), reason: contract.problem.message })}
      </Text>
    );
  if (!next) return <Text size="xs" c="dimmed">{t('contracts.noNext')}</Text>;
  // Paused, a visit not made yet will not be made (unless it is resumed first).
  const note = next.generated ? t('contracts.nextMade') : contract.active ? t('contracts.nextOn', { date: dayText(i18n.language, addDays(next.day, -contract.leadDays)) }) : t('contracts.paused');
  return (
    <span>
      {dayText(i18n.language, next.day, true)}{' '}
      <Text span size="xs" c={next.generated ? 'teal' : 'dimmed'}>
        ({note})
      </Text>
    </span>
  );
}

/**
 * The Service contracts list: every contract with its schedule in words and its next visit,
 * searched as typed; Insert adds, Enter edits, P pauses or resumes, Delete deletes (asked first).
 */
export function ContractsPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const canWrite = allows(me.rights, 'calendar', 'write');
  const [all, setAll] = useState<ServiceContract[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [showPaused, setShowPaused] = useState(true);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<ServiceContract | null>(null);
  const [lookups, setLookups] = useState<InterventionLookups | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const load = useCallback(() => {
    api.call('contracts.list', {}).then(
      (rows) => (setAll(rows), setError(null)),
      (e: unknown) => setError(toCallError(e).message),
    );
  }, [api]);
  useEffect(load, [load]);
  useEffect(() => {
    api.call('interventions.lookups', {}).then(setLookups, () => setLookups(null));
  }, [api]);
  // Another window's save, or the generator's new interventions (the "made" counts).
  useEffect(() => api.on('data.changed', ({ capability }) => (capability === 'contracts' || capability === 'interventions') && load()), [api, load]);

  const rows = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return (all ?? []).filter(
      (c) => (showPaused || c.active) && (!q || [c.name, c.clientName, c.teamName ?? ''].some((s) => s.toLocaleLowerCase().includes(q))),
    );
  }, [all, query, showPaused]);

  const add = () => canWrite && setEditing({ contract: null });
  const { cursor, setCursor, listRef, onKeyDown: onListKey } = useListCursor({ rows, onOpen: (c) => setEditing({ contract: c }), onAdd: canWrite ? add : undefined });

  const toggle = async (c: ServiceContract) => {
    try {
      await api.call('contracts.setActive', { id: c.id, version: c.version, active: !c.active });
      load();
    } catch (e) {
      setError(toCallError(e).message);
    }
  };
  const remove = async (c: ServiceContract) => {
    setDeleting(null);
    try {
      await api.call('contracts.delete', { id: c.id, version: c.version });
      load();
    } catch (e) {
      setError(toCallError(e).message);
    }
    listRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[cursor];
    if (row && canWrite && e.target === listRef.current && !e.ctrlKey && !e.altKey && !e.metaKey) {
      if (e.key.toLowerCase() === 'p') {
        e.preventDefault();
        return void toggle(row);
      }
      if (e.key === 'Delete') {
        e.preventDefault();
        return setDeleting(row);
      }
    }
    onListKey(e);
  };

  return (
    <div className="ctr-page" data-testid="contracts-page">
      <div className="ctr-toolbar">
        <TextInput
          ref={searchRef}
          size="xs"
          w={280}
          value={query}
          onChange={(e) => (setQuery(e.currentTarget.value), setCursor(0))}
          onKeyDown={(e) => {
            if (['ArrowDown', 'ArrowUp', 'Enter', 'PageDown', 'PageUp', 'Insert'].includes(e.key)) onListKey(e);
          }}
          placeholder={t('contracts.searchPlaceholder')}
          aria-label={t('contracts.search')}
          leftSection={<IconSearch size={14} stroke={1.8} />}
          data-testid="contracts-search"
        />
        <Switch size="xs" label={t('contracts.showPaused')} checked={showPaused} onChange={(e) => setShowPaused(e.currentTarget.checked)} data-testid="contracts-show-paused" />
        {canWrite && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} rightSection={<Kbd size="xs">Ins</Kbd>} onClick={add} data-testid="contracts-add">
            {t('contracts.new')}
          </Button>
        )}
      </div>
      {error && (
        <Alert color="red" p={6} withCloseButton onClose={() => setError(null)} data-testid="contracts-error">
          {t('contracts.loadFailed', { reason: error })}
        </Alert>
      )}
      <div className="dense-list ctr-list" ref={listRef} tabIndex={0} role="grid" aria-label={t('contracts.tab')} onKeyDown={onKeyDown} data-testid="contracts-list" data-loading={all === null}>
        <table className="dense-table">
          <thead>
            <tr>
              <th style={{ width: '20%' }}>{t('contracts.col.name')}</th>
              <th style={{ width: '18%' }}>{t('contracts.col.client')}</th>
              <th>{t('contracts.col.schedule')}</th>
              <th style={{ width: 230 }}>{t('contracts.col.next')}</th>
              <th style={{ width: 120 }}>{t('contracts.col.team')}</th>
              <th style={{ width: 84 }}>{t('contracts.col.made')}</th>
              <th style={{ width: 96 }}>{t('contracts.col.state')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c, i) => (
              <tr
                key={c.id}
                data-index={i}
                data-testid="contract-row"
                data-contract-id={c.id}
                aria-selected={i === cursor}
                className={i === cursor ? 'dense-cursor' : ''}
                onClick={() => (setCursor(i), listRef.current?.focus())}
                onDoubleClick={() => setEditing({ contract: c })}
              >
                <td className="dense-strong" title={c.name}>
                  {c.name}
                </td>
                <td title={c.clientName}>{c.clientName}</td>
                <td title={c.rule}>{scheduleText(t, i18n.language, c.rule)}</td>
                <td data-testid="contract-next">
                  <NextVisit contract={c} />
                </td>
                <td>{c.teamName ?? ''}</td>
                <td data-testid="contract-made">{c.generated}</td>
                <td>
                  <Badge size="xs" variant="light" color={c.active ? 'teal' : 'gray'} data-testid="contract-state" data-active={c.active}>
                    {c.active ? t('contracts.active') : t('contracts.paused')}
                  </Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {all !== null && rows.length === 0 && <div className="dense-empty">{all.length === 0 ? t('contracts.empty') : t('contracts.noneFound')}</div>}
      </div>
      <Text size="xs" c="dimmed" className="ctr-hint">
        <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> · <Kbd size="xs">Enter</Kbd> {t('contracts.edit')} · <Kbd size="xs">Ins</Kbd> {t('contracts.new')}
        {canWrite && (
          <>
            {' '}
            · <Kbd size="xs">P</Kbd> {t('contracts.pause')} / {t('contracts.resume')} · <Kbd size="xs">Del</Kbd> {t('contracts.delete')}
          </>
        )}
      </Text>
      {editing && (
        <ContractFormDialog
          contract={editing.contract}
          lookups={lookups}
          canWrite={canWrite}
          onClose={(saved) => {
            setEditing(null);
            if (saved) load();
            requestAnimationFrame(() => listRef.current?.focus());
          }}
        />
      )}
      {deleting && (
        <Modal opened onClose={() => setDeleting(null)} title={t('contracts.deleteTitle')} size="sm" closeButtonProps={{ 'aria-label': t('common.close') }}>
          <Text size="sm">{t('contracts.deleteBody', { name: deleting.name })}</Text>
          <Group justify="flex-end" gap="xs" mt="md">
            <Button variant="default" size="xs" onClick={() => setDeleting(null)} data-autofocus>
              {t('contracts.keep')}
            </Button>
            <Button color="red" size="xs" onClick={() => void remove(deleting)} data-testid="contract-delete-confirm">
              {t('contracts.deleteOk')}
            </Button>
          </Group>
        </Modal>
      )}
    </div>
  );
}
