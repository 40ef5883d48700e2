import { Anchor, Button, Divider, Group, Kbd, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenPop } from '../../../../shared/api/calls';
import { gridFormat } from '../../kit/format';
import { isStatus, StatusBadge } from '../../kit/status-badge';
import { formWindowUrl } from '../../kit/page-urls';
import { outcomeLabel } from './labels';

/**
 * Who is calling: the client and contact matched by the number, the client's open interventions
 * (each opens in its own window) and last calls; or, for an unknown number, the way to add the
 * client. "New intervention" (F2) opens the form prefilled from the call.
 */
export function ScreenPopCard({ pop, onNewIntervention }: { pop: ScreenPop | null; onNewIntervention: (() => void) | null }) {
  const { t, i18n } = useTranslation();
  // The card is on screen: with the INVITE's mark, how long a caller waits to be recognised (bench/calls).
  useEffect(() => {
    if (pop) performance.mark('cc:pop', { detail: pop.number });
  }, [pop]);
  if (!pop) return null;
  return (
    <Stack gap={4} mt={8} data-testid="screen-pop" data-client-id={pop.client?.id ?? ''}>
      <Divider />
      {pop.client ? (
        <>
          <Text size="sm" fw={600} data-testid="screen-pop-client">
            {pop.client.name}
          </Text>
          <Text size="xs" c="dimmed">
            {[pop.contact ? `${pop.contact.name}${pop.contact.role ? ` (${pop.contact.role})` : ''}` : null, pop.client.locality].filter(Boolean).join(' · ')}
          </Text>
          {pop.others.length > 0 && (
            <Text size="xs" c="orange" data-testid="screen-pop-others">
              {t('calls.pop.others', { names: pop.others.map((o) => o.name).join(', ') })}
            </Text>
          )}
          <Text size="xs" fw={600} mt={4}>
            {t('calls.pop.open', { count: pop.openInterventions.length })}
          </Text>
          {pop.openInterventions.slice(0, 4).map((i) => (
            <Group key={i.id} gap={6} wrap="nowrap" data-testid="screen-pop-intervention">
              {isStatus(i.status) && <StatusBadge status={i.status} t={t} />}
              <Anchor size="xs" href={formWindowUrl(i.id)} target="_blank" className="sp-ellipsis">
                {i.number ? `${i.prefix ?? ''} ${i.number}`.trim() : t('calls.pop.draft')} · {i.object ?? '—'}
              </Anchor>
            </Group>
          ))}
          {pop.lastCalls.length > 0 && (
            <Text size="xs" c="dimmed" data-testid="screen-pop-last-call">
              {t('calls.pop.lastCall', {
                when: gridFormat(i18n.language).dateTime(pop.lastCalls[0]!.startedAt),
                outcome: outcomeLabel(t, pop.lastCalls[0]!.outcome),
                operator: pop.lastCalls[0]!.operator ?? '—',
              })}
            </Text>
          )}
        </>
      ) : (
        <Text size="xs" c="dimmed" data-testid="screen-pop-unknown">
          {pop.e164 ? t('calls.pop.unknown') : t('calls.pop.noNumber')}
        </Text>
      )}
      {onNewIntervention && (pop.client || pop.e164) && (
        <Button size="xs" variant="light" mt={4} onClick={onNewIntervention} rightSection={<Kbd size="xs">F2</Kbd>} data-testid="screen-pop-new">
          {pop.client ? t('calls.pop.newIntervention') : t('calls.pop.addClient')}
        </Button>
      )}
    </Stack>
  );
}
