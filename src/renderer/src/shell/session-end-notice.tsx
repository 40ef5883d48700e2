import { Alert, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hostNow } from '../api/host-clock';
import { dateLocale } from '../kit/dates';

/** How long before the session's absolute end the window starts saying so. */
const WARN_MS = 15 * 60_000;
const CHECK_MS = 20_000;

/**
 * A session ends a fixed time after the login however busy the user is (auth/sessions.ts):
 * the last quarter of an hour says when, so work is saved before the login screen comes.
 */
export function SessionEndNotice({ endsAt }: { endsAt: number | null }) {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(hostNow);
  useEffect(() => {
    if (endsAt === null) return;
    const timer = setInterval(() => setNow(hostNow()), CHECK_MS);
    return () => clearInterval(timer);
  }, [endsAt]);
  if (endsAt === null || now < endsAt - WARN_MS) return null;
  const minutes = Math.max(1, Math.ceil((endsAt - now) / 60_000));
  const time = new Intl.DateTimeFormat(dateLocale(i18n.language), { hour: '2-digit', minute: '2-digit' });
  return (
    <Alert color="yellow" variant="light" p="xs" mb="sm" role="status" data-testid="session-ends">
      <Text size="sm">{t('connection.sessionEndsSoon', { count: minutes, time: time.format(endsAt) })}</Text>
    </Alert>
  );
}
