import { Badge, Checkbox, Group, MultiSelect, Select, SegmentedControl, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonRow, TeamRow } from '../../../../shared/api/admin-schemas';
import type { Me } from '../../../../shared/api/types';
import { allows } from '../../../../shared/domain/permissions';
import { formatPhone, normalizePhone } from '../../../../shared/domain/phone';
import type { Language } from '../../../../shared/i18n/languages';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { AdminPage } from './common/admin-page';
import { AdminTable, useAdminList, type Column } from './common/admin-list';
import { EditorPane } from './common/editor-pane';
import { errorsOf, type FieldErrors } from './common/field-errors';

const PEOPLE_TABLES = ['personnel', 'team_members', 'teams', 'users'] as const;
const TEAM_TABLES = ['teams', 'team_members', 'personnel'] as const;
const PHONE_COUNTRIES = ['RO', 'PT', 'BR', 'ES'] as const;
/** The country a phone typed without "+" most likely belongs to, from the administrator's language. */
const COUNTRY_OF_LANGUAGE: Record<Language, string> = { en: 'RO', ro: 'RO', 'pt-BR': 'BR', ca: 'ES' };
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Open = { kind: 'none' } | { kind: 'new'; seq: number } | { kind: 'edit'; id: string; seq: number };

/** Personnel and teams: the people the forms offer (taken by, verifier, technicians) and their teams. */
export function PersonnelAdmin({ me }: { me: Me }) {
  const [view, setView] = useState<'people' | 'teams'>('people');
  return view === 'people' ? <PeopleView me={me} onView={setView} /> : <TeamsView me={me} onView={setView} />;
}

function ViewSwitch({ value, onChange }: { value: 'people' | 'teams'; onChange: (v: 'people' | 'teams') => void }) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      value={value}
      onChange={onChange}
      data={[
        { value: 'people', label: t('admin.personnel.people') },
        { value: 'teams', label: t('admin.personnel.teams') },
      ]}
      data-testid="personnel-view"
    />
  );
}

function ShowInactive({ checked, onChange }: { checked: boolean; onChange: (v: boolean) => void }) {
  const { t } = useTranslation();
  return <Checkbox size="xs" label={t('admin.common.showInactive')} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} data-testid="show-inactive" />;
}

function PeopleView({ me, onView }: { me: Me; onView: (v: 'people' | 'teams') => void }) {
  const { t } = useTranslation();
  const canWrite = allows(me.rights, 'admin', 'write');
  const { rows, error, reload } = useAdminList('admin.personnel.list', PEOPLE_TABLES);
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [showInactive, setShowInactive] = useState(false);
  const seqRef = useRef(0);
  const next = () => ++seqRef.current;
  const openId = open.kind === 'edit' ? open.id : null;
  const shown = rows?.filter((r) => r.active || showInactive || r.id === openId) ?? null;

  const columns: Column<PersonRow>[] = [
    { key: 'name', header: t('admin.personnel.name'), width: '22%', className: 'adm-strong', render: (r) => r.name, title: (r) => r.name },
    {
      key: 'roles',
      header: t('admin.personnel.roles'),
      width: 150,
      render: (r) => (
        <Group gap={3} wrap="nowrap">
          {r.isOperator && <Badge size="xs" variant="light">{t('admin.personnel.operator')}</Badge>}
          {r.isTechnician && <Badge size="xs" variant="light" color="grape">{t('admin.personnel.technician')}</Badge>}
          {r.isVerifier && <Badge size="xs" variant="light" color="teal">{t('admin.personnel.verifier')}</Badge>}
        </Group>
      ),
    },
    { key: 'phone', header: t('admin.personnel.phone'), width: 140, render: (r) => (r.phone ? formatPhone(r.phone) : '') },
    { key: 'teams', header: t('admin.personnel.teamsOf'), render: (r) => r.teams.join(', '), title: (r) => r.teams.join(', ') },
    { key: 'job', header: t('admin.personnel.jobTitle'), render: (r) => r.jobTitle ?? '', title: (r) => r.jobTitle ?? '' },
    { key: 'email', header: t('admin.personnel.email'), render: (r) => r.email ?? '', title: (r) => r.email ?? '' },
    { key: 'login', header: t('admin.personnel.login'), width: 90, render: (r) => r.login ?? '' },
    { key: 'active', header: t('admin.personnel.active'), width: 70, render: (r) => (r.active ? t('admin.common.yes') : <Text size="xs" c="dimmed">{t('admin.common.inactive')}</Text>) },
  ];
  const editing = openId ? (rows?.find((r) => r.id === openId) ?? null) : null;

  return (
    <AdminPage
      testid="admin-personnel"
      title={t('admin.personnel.people')}
      description={t('admin.personnel.activeHint')}
      tools={
        <>
          <ShowInactive checked={showInactive} onChange={setShowInactive} />
          <ViewSwitch value="people" onChange={onView} />
        </>
      }
      addLabel={t('admin.personnel.addPerson')}
      onAdd={canWrite ? () => setOpen({ kind: 'new', seq: next() }) : undefined}
      addTestid="person-add"
      list={
        <AdminTable
          label={t('admin.personnel.people')}
          rows={shown}
          error={error}
          columns={columns}
          openId={openId}
          onOpen={(r) => setOpen({ kind: 'edit', id: r.id, seq: next() })}
          onAdd={canWrite ? () => setOpen({ kind: 'new', seq: next() }) : undefined}
          onRetry={reload}
          testid="person-list"
          minWidth={1000}
          rowTestid="person-row"
          dimmed={(r) => !r.active}
        />
      }
      editor={
        open.kind === 'none' || (open.kind === 'edit' && !editing) ? null : (
          <PersonEditor
            key={`${open.seq}:${editing?.version ?? 0}`}
            row={editing}
            me={me}
            canWrite={canWrite}
            onClose={() => setOpen({ kind: 'none' })}
            onConflict={reload}
            onSaved={(row) => {
              reload();
              setOpen(row ? { kind: 'edit', id: row.id, seq: open.seq } : { kind: 'none' });
            }}
          />
        )
      }
    />
  );
}

interface PersonDraft {
  name: string;
  jobTitle: string;
  phone: string;
  phoneCountry: string;
  email: string;
  isOperator: boolean;
  isTechnician: boolean;
  isVerifier: boolean;
  active: boolean;
}

interface PersonEditorProps {
  row: PersonRow | null;
  me: Me;
  canWrite: boolean;
  onClose: () => void;
  onSaved: (r: PersonRow | null) => void;
  onConflict: () => void;
}

function PersonEditor({ row, me, canWrite, onClose, onSaved, onConflict }: PersonEditorProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [base] = useState<PersonDraft>(() => ({
    name: row?.name ?? '',
    jobTitle: row?.jobTitle ?? '',
    phone: row?.phone ? formatPhone(row.phone) : '',
    phoneCountry: COUNTRY_OF_LANGUAGE[me.language],
    email: row?.email ?? '',
    isOperator: row?.isOperator ?? false,
    isTechnician: row?.isTechnician ?? false,
    isVerifier: row?.isVerifier ?? false,
    active: row?.active ?? true,
  }));
  const [d, setD] = useState<PersonDraft>(base);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(d) !== JSON.stringify(base);
  const set = <K extends keyof PersonDraft>(k: K, v: PersonDraft[K]) => {
    setD((x) => ({ ...x, [k]: v }));
    setErrors((e) => ({ ...e, [k]: '' }));
  };

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!d.name.trim()) e.name = t('admin.errors.required');
    else if (d.name.trim().length > 200) e.name = t('admin.errors.tooLong', { max: 200 });
    if (d.jobTitle.trim().length > 100) e.jobTitle = t('admin.errors.tooLong', { max: 100 });
    if (d.phone.trim() && !normalizePhone(d.phone, d.phoneCountry).ok) e.phone = t('admin.personnel.errors.phone');
    if (d.email.trim() && !EMAIL_RE.test(d.email.trim())) e.email = t('admin.personnel.errors.email');
    return e;
  };

  const save = async () => {
    const e = validate();
    setErrors(e);
    if (Object.values(e).some(Boolean)) {
      setFormError(t('admin.errors.fix'));
      return;
    }
    setSaving(true);
    setFormError(null);
    const fields = { ...d, jobTitle: d.jobTitle || null, phone: d.phone || null, email: d.email || null };
    try {
      const saved = row ? await api.call('admin.personnel.update', { id: row.id, version: row.version, ...fields }) : await api.call('admin.personnel.create', fields);
      notifications.show({ color: 'teal', message: t('admin.common.saved'), autoClose: 2000 });
      onSaved(saved);
    } catch (err) {
      const ce = toCallError(err);
      const r = errorsOf(t, ce);
      setErrors(r.fields);
      setFormError(r.form);
      if (ce.code === 'conflict') {
        notifications.show({ color: 'orange', message: r.form, autoClose: 6000 });
        onConflict();
      }
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!row) return;
    try {
      await api.call('admin.personnel.delete', { id: row.id, version: row.version });
      notifications.show({ color: 'teal', message: t('admin.common.deleted'), autoClose: 2000 });
      onSaved(null);
    } catch (err) {
      setFormError(errorsOf(t, toCallError(err)).form);
    }
  };

  return (
    <EditorPane
      testid="person-editor"
      title={row ? row.name : t('admin.personnel.newPerson')}
      subtitle={row ? t('admin.common.version', { version: row.version }) : undefined}
      dirty={dirty}
      saving={saving}
      canWrite={canWrite}
      error={formError}
      onSave={() => void save()}
      onClose={onClose}
      onDelete={row ? () => void remove() : undefined}
      deleteName={row?.name ?? ''}
    >
      <div className="adm-form">
        <TextInput className="adm-span2" size="xs" label={t('admin.personnel.name')} value={d.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} required autoFocus maxLength={400} data-testid="person-name" />
        <TextInput className="adm-span2" size="xs" label={t('admin.personnel.jobTitle')} value={d.jobTitle} onChange={(e) => set('jobTitle', e.currentTarget.value)} error={errors.jobTitle} maxLength={200} data-testid="person-jobTitle" />
        <TextInput size="xs" label={t('admin.personnel.phone')} value={d.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={errors.phone} maxLength={40} data-testid="person-phone" />
        <Select
          size="xs"
          label={t('admin.personnel.phoneCountry')}
          description={t('admin.personnel.phoneCountryHint')}
          data={[...PHONE_COUNTRIES]}
          value={d.phoneCountry}
          onChange={(v) => v && set('phoneCountry', v)}
          allowDeselect={false}
          data-testid="person-phoneCountry"
        />
        <TextInput className="adm-span2" size="xs" label={t('admin.personnel.email')} value={d.email} onChange={(e) => set('email', e.currentTarget.value)} error={errors.email} maxLength={254} data-testid="person-email" />
        <div className="adm-span2">
          <Text size="sm" fw={500} mb={4}>
            {t('admin.personnel.roles')}
          </Text>
          <Group gap="md">
            <Checkbox size="xs" label={t('admin.personnel.operator')} checked={d.isOperator} onChange={(e) => set('isOperator', e.currentTarget.checked)} data-testid="person-operator" />
            <Checkbox size="xs" label={t('admin.personnel.technician')} checked={d.isTechnician} onChange={(e) => set('isTechnician', e.currentTarget.checked)} data-testid="person-technician" />
            <Checkbox size="xs" label={t('admin.personnel.verifier')} checked={d.isVerifier} onChange={(e) => set('isVerifier', e.currentTarget.checked)} data-testid="person-verifier" />
          </Group>
        </div>
        <Switch className="adm-span2" size="sm" label={t('admin.personnel.active')} description={t('admin.personnel.activeHint')} checked={d.active} onChange={(e) => set('active', e.currentTarget.checked)} data-testid="person-active" />
        {row && (
          <Text size="xs" c="dimmed" className="adm-span2">
            {t('admin.personnel.deleteHint')}
          </Text>
        )}
      </div>
    </EditorPane>
  );
}

// ---- teams ----

function TeamsView({ me, onView }: { me: Me; onView: (v: 'people' | 'teams') => void }) {
  const { t } = useTranslation();
  const canWrite = allows(me.rights, 'admin', 'write');
  const { rows, error, reload } = useAdminList('admin.teams.list', TEAM_TABLES);
  const people = useAdminList('admin.personnel.list', PEOPLE_TABLES);
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [showInactive, setShowInactive] = useState(false);
  const seqRef = useRef(0);
  const next = () => ++seqRef.current;
  const openId = open.kind === 'edit' ? open.id : null;
  const shown = rows?.filter((r) => r.active || showInactive || r.id === openId) ?? null;
  const nameOf = new Map((people.rows ?? []).map((p) => [p.id, p.name]));

  const columns: Column<TeamRow>[] = [
    { key: 'name', header: t('admin.personnel.teamName'), width: '24%', className: 'adm-strong', render: (r) => r.name, title: (r) => r.name },
    { key: 'leader', header: t('admin.personnel.leader'), width: '20%', render: (r) => (r.leaderId ? (nameOf.get(r.leaderId) ?? '') : '') },
    {
      key: 'members',
      header: t('admin.personnel.members'),
      render: (r) => `${t('admin.personnel.memberCount', { count: r.memberIds.length })}: ${r.memberIds.map((id) => nameOf.get(id) ?? '?').join(', ')}`,
      title: (r) => r.memberIds.map((id) => nameOf.get(id) ?? '?').join(', '),
    },
    { key: 'active', header: t('admin.personnel.active'), width: 70, render: (r) => (r.active ? t('admin.common.yes') : <Text size="xs" c="dimmed">{t('admin.common.inactive')}</Text>) },
  ];
  const editing = openId ? (rows?.find((r) => r.id === openId) ?? null) : null;

  return (
    <AdminPage
      testid="admin-teams"
      title={t('admin.personnel.teams')}
      description={t('admin.personnel.teamsHint')}
      tools={
        <>
          <ShowInactive checked={showInactive} onChange={setShowInactive} />
          <ViewSwitch value="teams" onChange={onView} />
        </>
      }
      addLabel={t('admin.personnel.addTeam')}
      onAdd={canWrite ? () => setOpen({ kind: 'new', seq: next() }) : undefined}
      addTestid="team-add"
      list={
        <AdminTable
          label={t('admin.personnel.teams')}
          rows={shown}
          error={error ?? people.error}
          columns={columns}
          openId={openId}
          onOpen={(r) => setOpen({ kind: 'edit', id: r.id, seq: next() })}
          onAdd={canWrite ? () => setOpen({ kind: 'new', seq: next() }) : undefined}
          onRetry={() => {
            reload();
            people.reload();
          }}
          testid="team-list"
          minWidth={700}
          rowTestid="team-row"
          dimmed={(r) => !r.active}
        />
      }
      editor={
        open.kind === 'none' || (open.kind === 'edit' && !editing) || !people.rows ? null : (
          <TeamEditor
            key={`${open.seq}:${editing?.version ?? 0}`}
            row={editing}
            people={people.rows}
            canWrite={canWrite}
            onClose={() => setOpen({ kind: 'none' })}
            onConflict={reload}
            onSaved={(row) => {
              reload();
              setOpen(row ? { kind: 'edit', id: row.id, seq: open.seq } : { kind: 'none' });
            }}
          />
        )
      }
    />
  );
}

interface TeamDraft {
  name: string;
  leaderId: string | null;
  memberIds: string[];
  active: boolean;
}

interface TeamEditorProps {
  row: TeamRow | null;
  people: PersonRow[];
  canWrite: boolean;
  onClose: () => void;
  onSaved: (r: TeamRow | null) => void;
  onConflict: () => void;
}

function TeamEditor({ row, people, canWrite, onClose, onSaved, onConflict }: TeamEditorProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [base] = useState<TeamDraft>(() => ({ name: row?.name ?? '', leaderId: row?.leaderId ?? null, memberIds: row?.memberIds ?? [], active: row?.active ?? true }));
  const [d, setD] = useState<TeamDraft>(base);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(d) !== JSON.stringify(base);
  const set = <K extends keyof TeamDraft>(k: K, v: TeamDraft[K]) => {
    setD((x) => ({ ...x, [k]: v }));
    setErrors((e) => ({ ...e, [k]: '' }));
  };
  // Active people can be added; inactive ones already on the team stay, marked.
  const options = people
    .filter((p) => p.active || base.memberIds.includes(p.id))
    .map((p) => ({ value: p.id, label: p.active ? p.name : `${p.name} ${t('admin.personnel.inactiveMember')}` }));
  const leaderOptions = options.filter((o) => d.memberIds.includes(o.value));

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!d.name.trim()) e.name = t('admin.errors.required');
    else if (d.name.trim().length > 100) e.name = t('admin.errors.tooLong', { max: 100 });
    if (d.leaderId && !d.memberIds.includes(d.leaderId)) e.leaderId = t('admin.personnel.errors.leaderNotMember');
    return e;
  };

  const save = async () => {
    const e = validate();
    setErrors(e);
    if (Object.values(e).some(Boolean)) {
      setFormError(t('admin.errors.fix'));
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      const saved = row ? await api.call('admin.teams.update', { id: row.id, version: row.version, ...d }) : await api.call('admin.teams.create', d);
      notifications.show({ color: 'teal', message: t('admin.common.saved'), autoClose: 2000 });
      onSaved(saved);
    } catch (err) {
      const ce = toCallError(err);
      const r = errorsOf(t, ce);
      setErrors(r.fields);
      setFormError(r.form);
      if (ce.code === 'conflict') {
        notifications.show({ color: 'orange', message: r.form, autoClose: 6000 });
        onConflict();
      }
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!row) return;
    try {
      await api.call('admin.teams.delete', { id: row.id, version: row.version });
      notifications.show({ color: 'teal', message: t('admin.common.deleted'), autoClose: 2000 });
      onSaved(null);
    } catch (err) {
      setFormError(errorsOf(t, toCallError(err)).form);
    }
  };

  return (
    <EditorPane
      testid="team-editor"
      title={row ? row.name : t('admin.personnel.newTeam')}
      subtitle={row ? t('admin.common.version', { version: row.version }) : undefined}
      dirty={dirty}
      saving={saving}
      canWrite={canWrite}
      error={formError}
      onSave={() => void save()}
      onClose={onClose}
      onDelete={row ? () => void remove() : undefined}
      deleteName={row?.name ?? ''}
    >
      <div className="adm-form">
        <TextInput className="adm-span2" size="xs" label={t('admin.personnel.teamName')} value={d.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} required autoFocus maxLength={200} data-testid="team-name" />
        <MultiSelect
          className="adm-span2"
          size="xs"
          label={t('admin.personnel.members')}
          placeholder={t('admin.personnel.membersPlaceholder')}
          data={options}
          value={d.memberIds}
          onChange={(v) => {
            set('memberIds', v);
            if (d.leaderId && !v.includes(d.leaderId)) set('leaderId', null);
          }}
          error={errors.memberIds}
          searchable
          clearable
          hidePickedOptions
          maxDropdownHeight={260}
          comboboxProps={{ withinPortal: true }}
          data-testid="team-members"
        />
        <Select
          className="adm-span2"
          size="xs"
          label={t('admin.personnel.leader')}
          placeholder={t('admin.personnel.noLeader')}
          data={leaderOptions}
          value={d.leaderId}
          onChange={(v) => set('leaderId', v)}
          error={errors.leaderId}
          clearable
          data-testid="team-leader"
        />
        <Switch className="adm-span2" size="sm" label={t('admin.personnel.active')} checked={d.active} onChange={(e) => set('active', e.currentTarget.checked)} data-testid="team-active" />
      </div>
    </EditorPane>
  );
}
