import { Alert, Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailTemplateText } from '../../../../shared/api/mail';
import { MAIL_EVENTS, type MailEvent } from '../../../../shared/api/settings';
import { LANGUAGES, type Language } from '../../../../shared/i18n/languages';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { MailFrame } from './mail-frame';
import { mailEventLabel } from './labels';
import './inbox.css';

/**
 * The mails' words: for each event and language, the subject and the opening paragraph (the
 * facts that follow are the app's), with a preview of the mail as it would go now.
 */
export function MailTemplatesForm({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const [texts, setTexts] = useState<MailTemplateText[] | null>(null);
  const [event, setEvent] = useState<MailEvent>('allocation');
  const [language, setLanguage] = useState<Language>('en');
  const [draft, setDraft] = useState<{ subject: string; lead: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ subject: string; html: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.call('mail.templates.list', {}).then(setTexts, (e: unknown) => setFormError(toCallError(e).message));
  }, [api]);

  const stored = texts?.find((x) => x.event === event && x.language === language) ?? null;
  const shown = draft ?? (stored ? { subject: stored.subject, lead: stored.lead } : null);
  const pick = (next: { event?: MailEvent; language?: Language }) => {
    if (next.event) setEvent(next.event);
    if (next.language) setLanguage(next.language);
    setDraft(null);
    setPreview(null);
    setErrors({});
    setFormError(null);
  };
  const fail = (e: unknown) => {
    const err = toCallError(e);
    setFormError(err.message);
    setErrors(Object.fromEntries(err.issues.map((i) => [i.path.split('.')[0]!, i.message])));
  };
  const replace = (saved: MailTemplateText) => setTexts((all) => all && all.map((x) => (x.event === saved.event && x.language === saved.language ? saved : x)));
  const run = (work: () => Promise<void>) => {
    setBusy(true);
    setErrors({});
    setFormError(null);
    work()
      .catch(fail)
      .finally(() => setBusy(false));
  };
  const showPreview = () => run(async () => setPreview(await api.call('mail.templates.preview', { event, language, ...shown! })));
  const save = () =>
    run(async () => {
      replace(await api.call('mail.templates.save', { event, language, ...shown! }));
      setDraft(null);
      notifications.show({ color: 'teal', message: t('mail.templates.saved'), autoClose: 2500 });
    });
  const reset = () =>
    run(async () => {
      replace(await api.call('mail.templates.save', { event, language, reset: true }));
      setDraft(null);
      setPreview(null);
    });

  if (!texts || !shown) return formError ? <Alert color="red">{formError}</Alert> : null;
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="mail-templates">
      <Text fw={600} size="sm">
        {t('mail.templates.title')}
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        {t('mail.templates.hint')}
      </Text>
      <Group align="flex-end" gap="sm" mb="xs">
        <Select
          size="xs"
          label={t('mail.templates.event')}
          data={MAIL_EVENTS.map((e) => ({ value: e, label: mailEventLabel(t, e) }))}
          value={event}
          allowDeselect={false}
          onChange={(v) => v && pick({ event: v })}
          w={220}
          data-testid="mail-templates-event"
        />
        <SegmentedControl size="xs" data={[...LANGUAGES]} value={language} onChange={(v) => pick({ language: v })} data-testid="mail-templates-language" />
        {stored?.custom && (
          <Badge size="sm" variant="light" data-testid="mail-templates-custom">
            {t('mail.templates.custom')}
          </Badge>
        )}
      </Group>
      <fieldset disabled={!canWrite} className="adm-fieldset">
        <Stack gap="xs">
          <TextInput
            size="xs"
            label={t('mail.templates.subject')}
            description={t('mail.templates.subjectHint')}
            value={shown.subject}
            maxLength={80}
            onChange={(e) => setDraft({ ...shown, subject: e.currentTarget.value })}
            error={errors.subject}
            data-testid="mail-templates-subject"
          />
          <Textarea
            size="xs"
            label={t('mail.templates.lead')}
            value={shown.lead}
            autosize
            minRows={2}
            maxRows={6}
            onChange={(e) => setDraft({ ...shown, lead: e.currentTarget.value })}
            error={errors.lead}
            data-testid="mail-templates-lead"
          />
        </Stack>
      </fieldset>
      {formError && (
        <Alert color="red" variant="light" mt="xs" data-testid="mail-templates-error">
          {formError}
        </Alert>
      )}
      <Group justify="flex-end" mt="sm" gap="xs">
        {canWrite && stored?.custom && (
          <Button size="xs" variant="subtle" color="gray" onClick={reset} disabled={busy} data-testid="mail-templates-reset">
            {t('mail.templates.reset')}
          </Button>
        )}
        <Button size="xs" variant="default" onClick={showPreview} disabled={busy} data-testid="mail-templates-preview">
          {t('mail.templates.preview')}
        </Button>
        {canWrite && (
          <Button size="xs" onClick={save} loading={busy} disabled={draft === null} data-testid="mail-templates-save">
            {t('mail.templates.save')}
          </Button>
        )}
      </Group>
      {preview && (
        <Stack gap={4} mt="sm" data-testid="mail-templates-preview-pane">
          <Text size="xs" c="dimmed">
            {t('mail.templates.previewHint')}
          </Text>
          <Text size="sm" fw={600} data-testid="mail-templates-preview-subject">
            {preview.subject}
          </Text>
          <MailFrame html={preview.html} title={preview.subject} />
        </Stack>
      )}
    </Paper>
  );
}
