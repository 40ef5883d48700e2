import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../shared/api/auth';
import { allows } from '../../../../shared/domain/permissions';
import { MailAccountForm } from './mail-account-form';
import { OutboxList } from './outbox-list';
import { MailWatchForm } from './mail-watch-form';
import { AnswerWordsForm } from './answer-words-form';
import { MailTemplatesForm } from './mail-templates-form';

/** Administration → E-mail: the workstation's mail server and its outbox, the mailbox replies are read from, and the answer words. */
export function MailAdmin({ me }: { me: Me }) {
  const { t } = useTranslation();
  const canWrite = allows(me.rights, 'admin', 'write');
  return (
    <Stack gap="md" mt={6} maw={1100} data-testid="admin-mail">
      <div>
        <Text fw={600} size="sm">
          {t('mail.tab')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('mail.description')}
        </Text>
      </div>
      <MailAccountForm canWrite={canWrite} />
      <MailTemplatesForm canWrite={canWrite} />
      <OutboxList canWrite={canWrite} />
      <MailWatchForm canWrite={canWrite} />
      <AnswerWordsForm canWrite={canWrite} />
    </Stack>
  );
}
