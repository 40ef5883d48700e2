import { Button, Group, Text } from '@mantine/core';
import { IconPhoto } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemotePictures } from '../../../../shared/api/mail';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';

interface Props {
  mailId: string;
  /** The mail's HTML as stored (remote pictures held back as data-src). */
  html: string;
  shown: RemotePictures | null;
  onShown: (pictures: RemotePictures) => void;
}

/**
 * Says that a mail's pictures from the internet are held back, and fetches them (through main)
 * on the operator's word; then says how many could not be shown.
 */
export function RemotePicturesBar({ mailId, html, shown, onShown }: Props) {
  const api = useApi();
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (shown) {
    return shown.failed > 0 ? (
      <Text size="xs" c="dimmed" data-testid="inbox-pictures-failed">
        {t('inbox.picturesFailed', { count: shown.failed })}
      </Text>
    ) : null;
  }
  if (!html.includes('data-src=')) return null;
  const show = () => {
    setBusy(true);
    setError(null);
    api.call('mail.inbox.pictures', { id: mailId }).then(onShown, (e: unknown) => setError(toCallError(e).message)).finally(() => setBusy(false));
  };
  return (
    <Group gap="xs" wrap="nowrap" data-testid="inbox-images-blocked">
      <Text size="xs" c={error ? 'red' : 'dimmed'} style={{ flex: 1 }}>
        {error ?? t('inbox.imagesBlocked')}
      </Text>
      <Button size="compact-xs" variant="default" leftSection={<IconPhoto size={14} />} loading={busy} onClick={show} data-testid="inbox-show-pictures">
        {t('inbox.showPictures')}
      </Button>
    </Group>
  );
}
