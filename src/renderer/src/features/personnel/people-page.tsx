import { Badge, Checkbox, Group, Select, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { allows } from '../../../../shared/domain/permissions';
import { formatPhone, normalizePhone } from '../../../../shared/domain/phone';
import type { Language } from '../../../../shared/i18n/languages';
import { useApi } from '../../api/context';
import { useAdminList, type Column } from '../../kit/editor/record-list';
import { EditorPane } from '../../kit/editor/editor-pane';
import type { FieldErrors } from '../../kit/editor/field-errors';
import { RecordListPage } from '../../kit/editor/record-list-page';
import { useOpenRecord, type EditorProps } from '../../kit/editor/use-open-record';
import { useRecordEditor } from '../../kit/editor/use-record-editor';
import { PEOPLE_SOURCES, PersonnelTools, useInactiveFilter, type PersonnelView } from './personnel-tools';
import type { PersonRow } from '../../../../shared/api/personnel';
import type { Me } from '../../../../shared/api/auth';

const PHONE_COUNTRIES = ['RO', 'PT', 'BR', 'ES'] as const;
/** The country a phone typed without "+" most likely belongs to, from the administrator's language. */
const COUNTRY_OF_LANGUAGE: Record<Language, string> = { en: 'RO', ro: 'RO', 'pt-BR': 'BR', ca: 'ES' };
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The people the forms offer: operators (taken by), technicians, verifiers. */
export function PeopleAdmin({ me, onView }: { me: Me; onView: (v: PersonnelView) => void }) {
  const { t } = useTranslation();
  const canWrite = allows(me.rights, 'admin', 'write');
  const list = useAdminList('admin.personnel.list', PEOPLE_SOURCES);
  const record = useOpenRecord(list.rows, list.reload);
  const { shown, showInactive, setShowInactive } = useInactiveFilter(list.rows, record.openId);

  const columns: Column<PersonRow>[] = [
    { key: 'name', header: t('admin.personnel.name'), width: '22%', className: 'dense-strong', render: (r) => r.name, title: (r) => r.name },
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

  return (
    <RecordListPage
      testid="admin-personnel"
      title={t('admin.personnel.people')}
      description={t('admin.personnel.activeHint')}
      tools={<PersonnelTools view="people" onView={onView} showInactive={showInactive} onShowInactive={setShowInactive} />}
      addLabel={t('admin.personnel.addPerson')}
      ids="person"
      canWrite={canWrite}
      record={record}
      list={{ ...list, rows: shown }}
      columns={columns}
      minWidth={1000}
      dimmed={(r) => !r.active}
      editor={<PersonEditor key={record.key} {...record.editorProps} me={me} canWrite={canWrite} />}
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

function PersonEditor({ row, me, canWrite, onClose, onSaved, onConflict }: EditorProps<PersonRow> & { me: Me }) {
  const { t } = useTranslation();
  const api = useApi();
  const validate = (d: PersonDraft): FieldErrors => {
    const e: FieldErrors = {};
    if (!d.name.trim()) e.name = t('admin.errors.required');
    else if (d.name.trim().length > 200) e.name = t('admin.errors.tooLong', { max: 200 });
    if (d.jobTitle.trim().length > 100) e.jobTitle = t('admin.errors.tooLong', { max: 100 });
    if (d.phone.trim() && !normalizePhone(d.phone, d.phoneCountry).ok) e.phone = t('admin.personnel.errors.phone');
    if (d.email.trim() && !EMAIL_RE.test(d.email.trim())) e.email = t('admin.personnel.errors.email');
    return e;
  };
  const editor = useRecordEditor({
    initial: (): PersonDraft => ({
      name: row?.name ?? '',
      jobTitle: row?.jobTitle ?? '',
      phone: row?.phone ? formatPhone(row.phone) : '',
      phoneCountry: COUNTRY_OF_LANGUAGE[me.language],
      email: row?.email ?? '',
      isOperator: row?.isOperator ?? false,
      isTechnician: row?.isTechnician ?? false,
      isVerifier: row?.isVerifier ?? false,
      active: row?.active ?? true,
    }),
    validate,
    write: (d) => {
      const fields = { ...d, jobTitle: d.jobTitle || null, phone: d.phone || null, email: d.email || null };
      return row ? api.call('admin.personnel.update', { id: row.id, version: row.version, ...fields }) : api.call('admin.personnel.create', fields);
    },
    onSaved,
    onConflict,
  });
  const { draft: d, set, errors } = editor;

  return (
    <EditorPane
      testid="person-editor"
      title={row ? row.name : t('admin.personnel.newPerson')}
      version={row?.version}
      editor={editor}
      canWrite={canWrite}
      onClose={onClose}
      onDelete={row ? () => void editor.remove(() => api.call('admin.personnel.delete', { id: row.id, version: row.version }), () => onSaved(null)) : undefined}
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
