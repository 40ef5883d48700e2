import { Alert, Button, Group, Paper, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailAnswerWords } from '../../../../shared/api/settings';
import { LANGUAGES, type Language } from '../../../../shared/i18n/languages';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';

type Draft = Record<Language, { accept: string; reject: string }>;

const draftOf = (w: MailAnswerWords): Draft =>
  Object.fromEntries(LANGUAGES.map((l) => [l, { accept: w[l].accept.join(', '), reject: w[l].reject.join(', ') }])) as Draft;
const words = (s: string) =>
  s
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);

/** The words a technician's reply starts with to accept or reject, per language (saved in the settings). */
export function AnswerWordsForm({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const [d, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.call('settings.get', {}).then(
      (s) => setDraft(draftOf(s.mailAnswerWords)),
      (e: unknown) => setFormError(toCallError(e).message),
    );
  }, [api]);

  if (!d) return formError ? <Alert color="red">{formError}</Alert> : null;
  const save = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setFormError(null);
    const mailAnswerWords = Object.fromEntries(LANGUAGES.map((l) => [l, { accept: words(d[l].accept), reject: words(d[l].reject) }])) as MailAnswerWords;
    api
      .call('settings.update', { mailAnswerWords })
      .then(
        (s) => {
          setDraft(draftOf(s.mailAnswerWords));
          notifications.show({ color: 'teal', message: t('inbox.wordsSaved'), autoClose: 2500 });
        },
        (e: unknown) => {
          const err = toCallError(e);
          setFormError(err.message);
          // "mailAnswerWords.ro.reject.2": the Romanian reject words are the ones refused.
          setErrors(Object.fromEntries(err.issues.map((i) => [i.path.split('.').slice(1, 3).join('.'), i.message])));
        },
      )
      .finally(() => setBusy(false));
  };
  return (
    <Paper withBorder p="sm" radius="sm" component="form" onSubmit={save} data-testid="answer-words">
      <Text fw={600} size="sm">
        {t('inbox.words')}
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        {t('inbox.wordsHint')}
      </Text>
      <fieldset disabled={!canWrite} className="adm-fieldset">
        <Table withRowBorders={false} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70} />
              <Table.Th>{t('inbox.accept')}</Table.Th>
              <Table.Th>{t('inbox.reject')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {LANGUAGES.map((l) => (
              <Table.Tr key={l}>
                <Table.Td>
                  <Text size="xs" fw={600}>
                    {l}
                  </Text>
                </Table.Td>
                {(['accept', 'reject'] as const).map((kind) => (
                  <Table.Td key={kind}>
                    <TextInput
                      size="xs"
                      aria-label={`${kind === 'accept' ? t('inbox.accept') : t('inbox.reject')} (${l})`}
                      value={d[l][kind]}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        setDraft((x) => x && { ...x, [l]: { ...x[l], [kind]: v } });
                      }}
                      error={errors[`${l}.${kind}`]}
                      data-testid={`answer-words-${l}-${kind}`}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </fieldset>
      {formError && (
        <Alert color="red" variant="light" mt="xs" data-testid="answer-words-error">
          {formError}
        </Alert>
      )}
      {canWrite && (
        <Group justify="flex-end" mt="sm">
          <Button size="xs" type="submit" loading={busy} data-testid="answer-words-save">
            {t('inbox.wordsSave')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
