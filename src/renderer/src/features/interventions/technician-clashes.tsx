import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TechnicianClash } from '../../../../shared/api/calendar';
import { useApi } from '../../api/context';
import { gridFormat } from '../../kit/format';

interface Props {
  /** The intervention itself (its own booking is no clash); null while new. */
  interventionId: string | null;
  start: number | null;
  end: number | null;
  technicianIds: readonly string[];
}

/**
 * A technician booked elsewhere at the planned time: said under the plan as soon as the plan and
 * the technicians are both there, asked of main (which knows everyone's bookings), never blocking.
 */
export function TechnicianClashes({ interventionId, start, end, technicianIds }: Props) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [clashes, setClashes] = useState<TechnicianClash[]>([]);
  const people = technicianIds.join(',');
  const asked = start !== null && technicianIds.length > 0;
  useEffect(() => {
    if (!asked || start === null) return;
    let live = true;
    // Typed field by field: asked once the typing pauses.
    const timer = setTimeout(() => {
      api
        .call('calendar.clashes', { start, end: Math.max(end ?? start, start), personIds: people.split(','), ...(interventionId ? { excludeId: interventionId } : {}) })
        .then((found) => live && setClashes(found), () => live && setClashes([]));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // The people by content (`people`), not the array's identity: a re-render asks nothing new.
  }, [api, interventionId, start, end, people, asked]);
  if (!asked || clashes.length === 0) return null;
  const fmt = gridFormat(i18n.language);
  return (
    <Alert color="yellow" p={6} icon={<IconAlertTriangle size={14} />} data-testid="ivf-technician-clashes" style={{ gridColumn: '1 / -1' }}>
      {clashes.map((c) => (
        <Text key={`${c.personId}:${c.interventionId}`} size="xs" data-testid="ivf-technician-clash" data-person={c.personId}>
          {t('interventionForm.clash', { name: c.personName, label: c.label ?? '—', from: fmt.dateTime(c.start), to: fmt.dateTime(c.end) })}
        </Text>
      ))}
    </Alert>
  );
}
