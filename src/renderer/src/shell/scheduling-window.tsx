import { Tabs } from '@mantine/core';
import { IconCalendar, IconRepeat } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../shared/api/auth';
import { CalendarWindow } from '../features/calendar/calendar-window';
import { ContractsPage } from '../features/contracts/contracts-page';
import './scheduling-window.css';

type Page = 'calendar' | 'contracts';

/**
 * The Calendar module: the scheduling calendar and the service contracts that fill it ahead of
 * time, two features side by side (F6 switches). Both stay mounted, so the calendar keeps its
 * view and date while the contracts show.
 */
export function SchedulingWindow({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [page, setPage] = useState<Page>('calendar');
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F6' || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return;
      // Not from inside a dialog (a form open over the calendar keeps its keys).
      if (e.target instanceof Element && e.target.closest('[role="dialog"]')) return;
      e.preventDefault();
      setPage((p) => (p === 'calendar' ? 'contracts' : 'calendar'));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // The page shown takes the keys at once (the calendar's body, the contracts' list).
  useEffect(() => {
    requestAnimationFrame(() => document.querySelector<HTMLElement>(page === 'calendar' ? '[data-testid="calendar-body"]' : '[data-testid="contracts-list"]')?.focus());
  }, [page]);
  return (
    <Tabs className="sched-window" value={page} onChange={(v) => v && setPage(v as Page)} data-testid="scheduling-window" data-page={page}>
      <Tabs.List>
        <Tabs.Tab value="calendar" leftSection={<IconCalendar size={15} />} data-testid="scheduling-tab-calendar">
          {t('contracts.calendarTab')}
        </Tabs.Tab>
        <Tabs.Tab value="contracts" leftSection={<IconRepeat size={15} />} data-testid="scheduling-tab-contracts">
          {t('contracts.tab')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="calendar">
        <CalendarWindow me={me} />
      </Tabs.Panel>
      <Tabs.Panel value="contracts">
        <ContractsPage me={me} />
      </Tabs.Panel>
    </Tabs>
  );
}
