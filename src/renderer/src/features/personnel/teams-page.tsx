import { MultiSelect, Select, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { allows } from '../../../../shared/domain/permissions';
import { useApi } from '../../api/context';
import { useAdminList, type Column } from '../../kit/editor/record-list';
import { EditorPane } from '../../kit/editor/editor-pane';
import type { FieldErrors } from '../../kit/editor/field-errors';
import { RecordListPage } from '../../kit/editor/record-list-page';
import { useOpenRecord, type EditorProps } from '../../kit/editor/use-open-record';
import { useRecordEditor } from '../../kit/editor/use-record-editor';
import { PEOPLE_SOURCES, PersonnelTools, TEAM_SOURCES, useInactiveFilter, type PersonnelView } from './personnel-tools';
import type { PersonRow, TeamRow } from '../../../../shared/api/personnel';
import type { Me } from '../../../../shared/api/auth';

/** Teams of people: a name, the members, and a leader among them. */
export function TeamsAdmin({ me, onView }: { me: Me; onView: (v: PersonnelView) => void }) {
  const { t } = useTranslation();
  const canWrite = allows(me.rights, 'admin', 'write');
  const { rows, error, reload } = useAdminList('admin.teams.list', TEAM_SOURCES);
  const people = useAdminList('admin.personnel.list', PEOPLE_SOURCES);
  const record = useOpenRecord(rows, reload);
  const { shown, showInactive, setShowInactive } = useInactiveFilter(rows, record.openId);
  const nameOf = new Map((people.rows ?? []).map((p) => [p.id, p.name]));

  const columns: Column<TeamRow>[] = [
    { key: 'name', header: t('admin.personnel.teamName'), width: '24%', className: 'dense-strong', render: (r) => r.name, title: (r) => r.name },
    { key: 'leader', header: t('admin.personnel.leader'), width: '20%', render: (r) => (r.leaderId ? (nameOf.get(r.leaderId) ?? '') : '') },
    {
      key: 'members',
      header: t('admin.personnel.members'),
      render: (r) => `${t('admin.personnel.memberCount', { count: r.memberIds.length })}: ${r.memberIds.map((id) => nameOf.get(id) ?? '?').join(', ')}`,
      title: (r) => r.memberIds.map((id) => nameOf.get(id) ?? '?').join(', '),
    },
    { key: 'active', header: t('admin.personnel.active'), width: 70, render: (r) => (r.active ? t('admin.common.yes') : <Text size="xs" c="dimmed">{t('admin.common.inactive')}</Text>) },
  ];

  return (
    <RecordListPage
      testid="admin-teams"
      title={t('admin.personnel.teams')}
      description={t('admin.personnel.teamsHint')}
      tools={<PersonnelTools view="teams" onView={onView} showInactive={showInactive} onShowInactive={setShowInactive} />}
      addLabel={t('admin.personnel.addTeam')}
      ids="team"
      canWrite={canWrite}
      record={record}
      list={{
        rows: shown,
        error: error ?? people.error,
        reload: () => {
          reload();
          people.reload();
        },
      }}
      columns={columns}
      minWidth={700}
      dimmed={(r) => !r.active}
      // The member choices are the people: no editor until they are loaded.
      editor={people.rows && <TeamEditor key={record.key} {...record.editorProps} people={people.rows} canWrite={canWrite} />}
    />
  );
}

interface TeamDraft {
  name: string;
  leaderId: string | null;
  memberIds: string[];
  active: boolean;
}

function TeamEditor({ row, people, canWrite, onClose, onSaved, onConflict }: EditorProps<TeamRow> & { people: PersonRow[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const validate = (d: TeamDraft): FieldErrors => {
    const e: FieldErrors = {};
    if (!d.name.trim()) e.name = t('admin.errors.required');
    else if (d.name.trim().length > 100) e.name = t('admin.errors.tooLong', { max: 100 });
    if (d.leaderId && !d.memberIds.includes(d.leaderId)) e.leaderId = t('admin.personnel.errors.leaderNotMember');
    return e;
  };
  const editor = useRecordEditor({
    initial: (): TeamDraft => ({ name: row?.name ?? '', leaderId: row?.leaderId ?? null, memberIds: row?.memberIds ?? [], active: row?.active ?? true }),
    validate,
    write: (d) => (row ? api.call('admin.teams.update', { id: row.id, version: row.version, ...d }) : api.call('admin.teams.create', d)),
    onSaved,
    onConflict,
  });
  const { draft: d, base, set, errors } = editor;
  // Active people can be added; inactive ones already on the team stay, marked.
  const options = people
    .filter((p) => p.active || base.memberIds.includes(p.id))
    .map((p) => ({ value: p.id, label: p.active ? p.name : `${p.name} ${t('admin.personnel.inactiveMember')}` }));
  const leaderOptions = options.filter((o) => d.memberIds.includes(o.value));


  return (
    <EditorPane
      testid="team-editor"
      title={row ? row.name : t('admin.personnel.newTeam')}
      version={row?.version}
      editor={editor}
      canWrite={canWrite}
      onClose={onClose}
      onDelete={row ? () => void editor.remove(() => api.call('admin.teams.delete', { id: row.id, version: row.version }), () => onSaved(null)) : undefined}
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
