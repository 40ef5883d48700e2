import { Checkbox, SegmentedControl } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export type PersonnelView = 'people' | 'teams';

/** What the people and teams lists reload on: a change to a membership changes both. */
export const PEOPLE_SOURCES = ['personnel', 'auth'] as const;
export const TEAM_SOURCES = ['personnel'] as const;

/**
 * Inactive people and teams are hidden unless asked for (the forms no longer offer them); the
 * open one stays listed so its editor keeps its row.
 */
export function useInactiveFilter<R extends { id: string; active: boolean }>(rows: R[] | null, openId: string | null) {
  const [showInactive, setShowInactive] = useState(false);
  const shown = rows?.filter((r) => r.active || showInactive || r.id === openId) ?? null;
  return { shown, showInactive, setShowInactive };
}

interface Props {
  view: PersonnelView;
  onView: (v: PersonnelView) => void;
  showInactive: boolean;
  onShowInactive: (v: boolean) => void;
}

/** The toolbar of both lists: show inactive ones, and the switch between people and teams. */
export function PersonnelTools({ view, onView, showInactive, onShowInactive }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Checkbox size="xs" label={t('admin.common.showInactive')} checked={showInactive} onChange={(e) => onShowInactive(e.currentTarget.checked)} data-testid="show-inactive" />
      <SegmentedControl
        size="xs"
        value={view}
        onChange={onView}
        data={[
          { value: 'people', label: t('admin.personnel.people') },
          { value: 'teams', label: t('admin.personnel.teams') },
        ]}
        data-testid="personnel-view"
      />
    </>
  );
}
