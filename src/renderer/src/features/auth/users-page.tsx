import { Badge, Button, Group, PasswordInput, SegmentedControl, Select, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconRestore } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MODULES, ROLES, ROLE_DEFAULT_RIGHTS, ROLE_DEFAULT_SCOPE, SCOPES, allows, type AccessLevel, type ModuleName, type Role, type Scope } from '../../../../shared/domain/permissions';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../../../../shared/i18n/languages';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { useAdminList, type Column } from '../../kit/editor/record-list';
import { EditorPane } from '../../kit/editor/editor-pane';
import { errorsOf, type FieldErrors } from '../../kit/editor/field-errors';
import { RecordListPage } from '../../kit/editor/record-list-page';
import { useOpenRecord, type EditorProps } from '../../kit/editor/use-open-record';
import { useRecordEditor } from '../../kit/editor/use-record-editor';
import { MIN_PASSWORD_LENGTH, type UserRow } from '../../../../shared/api/auth';
import type { Me } from '../../../../shared/api/auth';
import { moduleLabel, roleLabel } from '../../kit/labels';
import { gridFormat } from '../../kit/format';

const SOURCES = ['auth', 'personnel'] as const;
const PEOPLE_SOURCES = ['personnel', 'auth'] as const;
const LOGIN_RE = /^[A-Za-z0-9][A-Za-z0-9._@-]*$/;

type Overrides = Partial<Record<ModuleName, AccessLevel>>;

function levelLabel(t: TFunction, level: AccessLevel): string {
  switch (level) {
    case 'none':
      return t('admin.users.levels.none');
    case 'read':
      return t('admin.users.levels.read');
    case 'write':
      return t('admin.users.levels.write');
  }
}

/** Users: login, role, person, language, state, password and the rights per module. */
export function UsersAdmin({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const canWrite = allows(me.rights, 'admin', 'write');
  const { rows, error, reload } = useAdminList('admin.users.list', SOURCES);
  const people = useAdminList('admin.personnel.list', PEOPLE_SOURCES);
  const record = useOpenRecord(rows, reload);
  const fmt = gridFormat(i18n.language);

  const columns: Column<UserRow>[] = [
    { key: 'login', header: t('admin.users.login'), width: '14%', className: 'dense-strong', render: (r) => r.login, title: (r) => r.login },
    { key: 'name', header: t('admin.users.displayName'), render: (r) => r.displayName, title: (r) => r.displayName },
    { key: 'role', header: t('admin.users.role'), width: 110, render: (r) => roleLabel(t, r.role) },
    { key: 'person', header: t('admin.users.person'), render: (r) => r.personName ?? '', title: (r) => r.personName ?? '' },
    { key: 'language', header: t('admin.users.language'), width: 90, render: (r) => LANGUAGE_NAMES[r.language] },
    {
      key: 'state',
      header: t('admin.periods.state'),
      width: 190,
      render: (r) => (
        <Group gap={3} wrap="nowrap">
          {!r.active && (
            <Badge size="xs" color="gray" variant="outline">
              {t('admin.common.inactive')}
            </Badge>
          )}
          {r.sessionLocked && (
            <Badge size="xs" color="orange" variant="light">
              {t('admin.users.locked')}
            </Badge>
          )}
          {Object.keys(r.rights).length > 0 && (
            <Badge size="xs" color="yellow" variant="light" data-testid="user-custom-rights" title={t('admin.users.overridden')}>
              {t('admin.users.customRights')}
            </Badge>
          )}
        </Group>
      ),
    },
    { key: 'seen', header: t('admin.users.lastSeen'), width: 130, render: (r) => (r.lastSeenAt ? fmt.dateTime(r.lastSeenAt) : <Text size="xs" c="dimmed">{t('admin.users.never')}</Text>) },
  ];

  return (
    <RecordListPage
      testid="admin-users"
      title={t('admin.tabs.users')}
      description={t('admin.users.rightsHint')}
      addLabel={t('admin.users.add')}
      ids="user"
      canWrite={canWrite}
      record={record}
      list={{
        rows,
        error: error ?? people.error,
        reload: () => {
          reload();
          people.reload();
        },
      }}
      columns={columns}
      minWidth={900}
      dimmed={(r) => !r.active}
      // The person choices are the personnel: no editor until they are loaded.
      editor={
        people.rows && (
          <UserEditor
            key={record.key}
            {...record.editorProps}
            // A user's person shows in the personnel list ("login"): both are reloaded.
            onSaved={(row) => {
              record.editorProps.onSaved(row);
              people.reload();
            }}
            me={me}
            users={rows ?? []}
            people={people.rows}
            canWrite={canWrite}
          />
        )
      }
    />
  );
}

interface Draft {
  login: string;
  displayName: string;
  role: Role;
  language: Language;
  personId: string | null;
  active: boolean;
  sessionLocked: boolean;
  rights: Overrides;
  /** null: the role's default. */
  scope: Scope | null;
  password: string;
  password2: string;
}

interface UserEditorProps extends EditorProps<UserRow> {
  me: Me;
  users: UserRow[];
  people: { id: string; name: string; active: boolean }[];
}

function UserEditor({ row, me, users, people, canWrite, onClose, onSaved, onConflict }: UserEditorProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [pw, setPw] = useState({ password: '', password2: '' });
  const [pwErrors, setPwErrors] = useState<FieldErrors>({});
  const [pwSaving, setPwSaving] = useState(false);

  const passwordErrors = (p: string, p2: string, required: boolean): FieldErrors => {
    const e: FieldErrors = {};
    if (!p && required) e.password = t('admin.errors.required');
    else if (p && (p.length < MIN_PASSWORD_LENGTH || !p.trim())) e.password = t('admin.users.errors.passwordShort', { min: MIN_PASSWORD_LENGTH });
    else if (p.length > 256) e.password = t('admin.errors.tooLong', { max: 256 });
    if (p && p !== p2) e.password2 = t('admin.users.errors.passwordMismatch');
    return e;
  };

  const validate = (d: Draft): FieldErrors => {
    const e: FieldErrors = {};
    const login = d.login.trim();
    if (!login) e.login = t('admin.errors.required');
    else if (login.length > 64) e.login = t('admin.errors.tooLong', { max: 64 });
    else if (!LOGIN_RE.test(login)) e.login = t('admin.users.errors.loginChars');
    else if (users.some((u) => u.id !== row?.id && u.login.toLowerCase() === login.toLowerCase())) e.login = t('admin.users.errors.loginTaken');
    if (!d.displayName.trim()) e.displayName = t('admin.errors.required');
    else if (d.displayName.trim().length > 100) e.displayName = t('admin.errors.tooLong', { max: 100 });
    return row ? e : { ...e, ...passwordErrors(d.password, d.password2, true) };
  };
  const editor = useRecordEditor({
    initial: (): Draft => ({
      login: row?.login ?? '',
      displayName: row?.displayName ?? '',
      role: row?.role ?? 'operator',
      language: row?.language ?? me.language,
      personId: row?.personId ?? null,
      active: row?.active ?? true,
      sessionLocked: row?.sessionLocked ?? false,
      rights: row?.rights ?? {},
      scope: row?.scope ?? null,
      password: '',
      password2: '',
    }),
    validate,
    write: (d) => {
      const fields = {
        login: d.login.trim(),
        displayName: d.displayName,
        role: d.role,
        language: d.language,
        personId: d.personId,
        active: d.active,
        sessionLocked: d.sessionLocked,
        rights: d.rights,
        scope: d.scope,
      };
      return row ? api.call('admin.users.update', { id: row.id, version: row.version, ...fields }) : api.call('admin.users.create', { ...fields, password: d.password });
    },
    onSaved,
    onConflict,
  });
  const { draft: d, base, set, errors, dirty } = editor;
  const scopeLabel = (s: Scope) => (s === 'own' ? t('admin.users.scopeOwn') : s === 'team' ? t('admin.users.scopeTeam') : t('admin.users.scopeAll'));
  const defaults = ROLE_DEFAULT_RIGHTS[d.role];
  const levelOf = (m: ModuleName): AccessLevel => d.rights[m] ?? defaults[m];
  const setLevel = (m: ModuleName, level: AccessLevel) => {
    const rights = { ...d.rights };
    if (level === defaults[m]) delete rights[m];
    else rights[m] = level;
    set('rights', rights);
    editor.clearErrors(`rights.${m}`);
  };
  // People already linked to another user are not offered (one login per person).
  const linked = new Set(users.filter((u) => u.id !== row?.id && u.personId).map((u) => u.personId));
  const personOptions = people.filter((p) => (p.active && !linked.has(p.id)) || p.id === base.personId).map((p) => ({ value: p.id, label: p.name }));

  const setPassword = async () => {
    if (!row) return;
    const e = passwordErrors(pw.password, pw.password2, true);
    setPwErrors(e);
    if (Object.values(e).some(Boolean)) return;
    setPwSaving(true);
    try {
      const saved = await api.call('admin.users.setPassword', { id: row.id, version: row.version, password: pw.password });
      notifications.show({ color: 'teal', message: t('admin.users.passwordSet'), autoClose: 4000 });
      setPw({ password: '', password2: '' });
      onSaved(saved);
    } catch (err) {
      const r = errorsOf(t, toCallError(err));
      setPwErrors({ password: r.fields.password ?? r.form });
    } finally {
      setPwSaving(false);
    }
  };

  // The new password and its repeat: Enter sets it (not the editor's save, which would ignore it).
  const pwInput = (k: 'password' | 'password2') => ({
    value: pw[k],
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const v = e.currentTarget.value;
      setPw((x) => ({ ...x, [k]: v }));
      setPwErrors({});
    },
    onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        void setPassword();
      }
    },
    error: pwErrors[k],
    autoComplete: 'new-password',
  });

  return (
    <EditorPane testid="user-editor" title={row ? `${row.login} · ${row.displayName}` : t('admin.users.newTitle')} version={row?.version} editor={editor} canWrite={canWrite} onClose={onClose}>
      <div className="adm-form">
        <TextInput size="xs" label={t('admin.users.login')} value={d.login} onChange={(e) => set('login', e.currentTarget.value)} error={errors.login} required autoFocus maxLength={100} autoComplete="off" data-testid="user-login" />
        <TextInput size="xs" label={t('admin.users.displayName')} value={d.displayName} onChange={(e) => set('displayName', e.currentTarget.value)} error={errors.displayName} required maxLength={200} data-testid="user-displayName" />
        <Select
          size="xs"
          label={t('admin.users.role')}
          data={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
          value={d.role}
          onChange={(v) => v && set('role', v)}
          error={errors.role}
          allowDeselect={false}
          data-testid="user-role"
        />
        <Select
          size="xs"
          label={t('admin.users.language')}
          data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
          value={d.language}
          onChange={(v) => v && set('language', v)}
          allowDeselect={false}
          data-testid="user-language"
        />
        <Select
          className="adm-span2"
          size="xs"
          label={t('admin.users.person')}
          description={t('admin.users.personHint')}
          placeholder={t('admin.users.noPerson')}
          data={personOptions}
          value={d.personId}
          onChange={(v) => set('personId', v)}
          error={errors.personId}
          searchable
          clearable
          nothingFoundMessage="—"
          data-testid="user-person"
        />
        <Select
          className="adm-span2"
          size="xs"
          label={t('admin.users.scope')}
          description={t('admin.users.scopeHint')}
          data={[
            { value: 'default', label: t('admin.users.scopeDefault', { scope: scopeLabel(ROLE_DEFAULT_SCOPE[d.role]) }) },
            ...SCOPES.map((s) => ({ value: s, label: scopeLabel(s) })),
          ]}
          value={d.scope ?? 'default'}
          onChange={(v) => set('scope', v === null || v === 'default' ? null : v)}
          allowDeselect={false}
          data-testid="user-scope"
        />
        <Switch className="adm-span2" size="sm" label={t('admin.users.active')} description={t('admin.users.activeHint')} checked={d.active} onChange={(e) => set('active', e.currentTarget.checked)} error={errors.active} data-testid="user-active" />
        <Switch
          className="adm-span2"
          size="sm"
          label={t('admin.users.sessionLocked')}
          description={t('admin.users.sessionLockedHint')}
          checked={d.sessionLocked}
          onChange={(e) => set('sessionLocked', e.currentTarget.checked)}
          error={errors.sessionLocked}
          data-testid="user-sessionLocked"
        />
        {!row && (
          <>
            <PasswordInput size="xs" label={t('admin.users.password')} description={t('admin.users.passwordHint', { min: MIN_PASSWORD_LENGTH })} value={d.password} onChange={(e) => set('password', e.currentTarget.value)} error={errors.password} required autoComplete="new-password" data-testid="user-password" />
            <PasswordInput size="xs" label={t('admin.users.passwordRepeat')} value={d.password2} onChange={(e) => set('password2', e.currentTarget.value)} error={errors.password2} required autoComplete="new-password" style={{ alignSelf: 'end' }} data-testid="user-password2" />
          </>
        )}
      </div>

      <div className="adm-section">
        <Group justify="space-between" mb={4}>
          <Text size="sm" fw={600}>
            {t('admin.users.rights')}
          </Text>
          <Button size="compact-xs" variant="subtle" leftSection={<IconRestore size={12} />} onClick={() => set('rights', {})} disabled={Object.keys(d.rights).length === 0} data-testid="user-rights-reset">
            {t('admin.users.resetRights')}
          </Button>
        </Group>
        <table className="adm-rights" data-testid="user-rights">
          <thead>
            <tr>
              <th>{t('admin.users.module')}</th>
              <th style={{ width: 80 }}>{t('admin.users.roleDefault')}</th>
              <th style={{ width: 190 }} />
            </tr>
          </thead>
          <tbody>
            {MODULES.map((m) => (
              <tr key={m} className={d.rights[m] ? 'adm-overridden' : ''} data-testid={`user-right-${m}`} data-level={levelOf(m)}>
                <td>
                  {moduleLabel(t, m)}
                  {errors[`rights.${m}`] && (
                    <Text size="xs" c="red">
                      {errors[`rights.${m}`]}
                    </Text>
                  )}
                </td>
                <td>
                  <Text size="xs" c="dimmed">
                    {levelLabel(t, defaults[m])}
                  </Text>
                </td>
                <td>
                  <SegmentedControl
                    size="xs"
                    fullWidth
                    value={levelOf(m)}
                    onChange={(v) => setLevel(m, v)}
                    color={d.rights[m] ? 'yellow' : 'blue'}
                    aria-label={moduleLabel(t, m)}
                    data={(['none', 'read', 'write'] as const).map((l) => ({ value: l, label: levelLabel(t, l) }))}
                    data-testid={`user-right-${m}-control`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {row && canWrite && (
        <div className="adm-section">
          <Text size="sm" fw={600} mb={4}>
            {t('admin.users.setPassword')}
          </Text>
          <div className="adm-form">
            <PasswordInput
              size="xs"
              label={t('admin.users.password')}
              description={t('admin.users.passwordHint', { min: MIN_PASSWORD_LENGTH })}
              {...pwInput('password')}
              data-testid="user-newPassword"
            />
            <PasswordInput
              size="xs"
              label={t('admin.users.passwordRepeat')}
              {...pwInput('password2')}
              style={{ alignSelf: 'end' }}
              data-testid="user-newPassword2"
            />
            <Group className="adm-span2" justify="flex-end">
              <Button size="xs" variant="light" leftSection={<IconKey size={14} />} loading={pwSaving} disabled={dirty || !pw.password} onClick={() => void setPassword()} data-testid="user-setPassword">
                {t('admin.users.setPassword')}
              </Button>
            </Group>
          </div>
        </div>
      )}
    </EditorPane>
  );
}
