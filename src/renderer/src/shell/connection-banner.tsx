import { Alert, Loader, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../api/transport';

/** Browser mode: a strip while the connection is lost, a short note when it is back. */
export function ConnectionBanner({ state }: { state: ConnectionState }) {
  const { t } = useTranslation();
  const previous = useRef(state);
  useEffect(() => {
    if (previous.current === 'reconnecting' && state === 'connected') {
      notifications.show({ message: t('connection.restored'), color: 'teal', autoClose: 3000 });
    }
    previous.current = state;
  }, [state, t]);
  if (state !== 'reconnecting') return null;
  return (
    <Alert color="orange" variant="light" p="xs" mb="sm" icon={<Loader size={14} color="orange" />} role="status" data-testid="connection-lost">
      <Text size="sm">{t('connection.lost')}</Text>
    </Alert>
  );
}
