import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView, Phone } from './phone';

/**
 * Transfer: blind (the caller goes on to the number, this side leaves), or attended (the caller
 * waits on hold while the operator speaks to the colleague first, then joins them, or goes back).
 */
export function TransferBox({ phone, consult, onDone }: { phone: Phone; consult: CallView | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState('');
  const run = (f: () => Promise<void>, done = false) =>
    void f().then(() => done && onDone(), () => undefined);
  if (consult) {
    return (
      <Group gap={6} mt={8} data-testid="softphone-consult" data-phase={consult.phase}>
        <Button size="xs" color="teal" disabled={consult.phase !== 'talking'} onClick={() => run(() => phone.completeTransfer(), true)} data-testid="softphone-transfer-complete">
          {t('calls.transferComplete', { number: consult.number })}
        </Button>
        <Button size="xs" variant="default" onClick={() => run(() => phone.cancelConsult())} data-testid="softphone-transfer-cancel">
          {t('calls.transferBack')}
        </Button>
      </Group>
    );
  }
  return (
    <Group gap={6} mt={8} wrap="nowrap" align="flex-end">
      <TextInput size="xs" label={t('calls.transferTo')} value={target} onChange={(e) => setTarget(e.currentTarget.value)} data-autofocus data-testid="softphone-transfer-target" />
      <Button size="xs" variant="default" disabled={!target.trim()} onClick={() => run(() => phone.transferBlind(target.trim()), true)} data-testid="softphone-transfer-blind">
        {t('calls.transferBlind')}
      </Button>
      <Button size="xs" variant="default" disabled={!target.trim()} onClick={() => run(() => phone.consult(target.trim()))} data-testid="softphone-transfer-consult">
        {t('calls.transferConsult')}
      </Button>
    </Group>
  );
}
