import { ActionIcon, Button, Tooltip } from '@mantine/core';
import {
  IconBan,
  IconChartBar,
  IconEye,
  IconFileSpreadsheet,
  IconFileTypeCsv,
  IconFilter,
  IconPlus,
  IconRefresh,
  IconStar,
  IconStarFilled,
  IconTrash,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  viewsMenu: ReactNode;
  /** Group by, columns: how the view is laid out (right-aligned). */
  layoutTools: ReactNode;
  favourite: boolean;
  showReport: boolean;
  filtersShown: boolean;
  activeFilters: number;
  onAdd: () => void;
  onOpen: () => void;
  onDelete: () => void;
  onCancel: () => void;
  onRefresh: () => void;
  onExport: (format: 'csv' | 'xlsx') => void;
  onReport: () => void;
  onFavourite: () => void;
  onToggleFilters: () => void;
}

function Action({ label, hint, icon, onClick, testId, color }: { label: string; hint: string; icon: ReactNode; onClick: () => void; testId: string; color?: string }) {
  return (
    <Tooltip label={hint}>
      <Button size="xs" variant="subtle" color={color ?? 'dark'} leftSection={icon} onClick={onClick} data-testid={testId} px={6} fw={500} styles={{ section: { marginInlineEnd: 5 } }}>
        {label}
      </Button>
    </Tooltip>
  );
}

const I = { size: 16, stroke: 1.7 } as const;

/** The window's commands, as in the manual: Add, Open, Delete, Cancel, Refresh, Export, Quick report, Favourites. */
export function Toolbar(p: Props) {
  const { t } = useTranslation();
  return (
    <div className="ivg-toolbar" role="toolbar" aria-label={t('grid.label')} data-testid="toolbar">
      {p.viewsMenu}
      <span className="ivg-toolbar-sep" />
      <Action label={t('grid.toolbar.add')} hint={t('grid.toolbar.addHint')} icon={<IconPlus {...I} />} onClick={p.onAdd} testId="tb-add" color="brand" />
      <Action label={t('grid.toolbar.open')} hint={t('grid.toolbar.openHint')} icon={<IconEye {...I} />} onClick={p.onOpen} testId="tb-open" />
      <Action label={t('grid.toolbar.delete')} hint={t('grid.toolbar.deleteHint')} icon={<IconTrash {...I} />} onClick={p.onDelete} testId="tb-delete" />
      <Action label={t('grid.toolbar.cancel')} hint={t('grid.toolbar.cancelHint')} icon={<IconBan {...I} />} onClick={p.onCancel} testId="tb-cancel" />
      <span className="ivg-toolbar-sep" />
      <Action label={t('grid.toolbar.refresh')} hint={t('grid.toolbar.refreshHint')} icon={<IconRefresh {...I} />} onClick={p.onRefresh} testId="tb-refresh" />
      <Action label={t('grid.toolbar.exportCsv')} hint={t('grid.toolbar.exportCsvHint')} icon={<IconFileTypeCsv {...I} />} onClick={() => p.onExport('csv')} testId="tb-export-csv" />
      <Action
        label={t('grid.toolbar.exportXlsx')}
        hint={t('grid.toolbar.exportXlsxHint')}
        icon={<IconFileSpreadsheet {...I} />}
        onClick={() => p.onExport('xlsx')}
        testId="tb-export-xlsx"
      />
      {p.showReport && <Action label={t('grid.toolbar.report')} hint={t('grid.toolbar.reportHint')} icon={<IconChartBar {...I} />} onClick={p.onReport} testId="tb-report" />}
      <Tooltip label={p.favourite ? t('grid.toolbar.unfavourite') : t('grid.toolbar.favourite')}>
        <ActionIcon
          variant="subtle"
          color={p.favourite ? 'yellow' : 'gray'}
          size="md"
          onClick={p.onFavourite}
          aria-label={p.favourite ? t('grid.toolbar.unfavourite') : t('grid.toolbar.favourite')}
          aria-pressed={p.favourite}
          data-testid="tb-favourite"
          data-favourite={p.favourite || undefined}
        >
          {p.favourite ? <IconStarFilled size={17} /> : <IconStar size={17} stroke={1.7} />}
        </ActionIcon>
      </Tooltip>
      <div style={{ flex: 1 }} />
      {p.layoutTools}
      <Tooltip label={t('grid.toolbar.filtersHint')}>
        <Button
          size="xs"
          variant={p.filtersShown ? 'light' : 'default'}
          leftSection={<IconFilter {...I} />}
          onClick={p.onToggleFilters}
          data-testid="tb-filters"
          aria-pressed={p.filtersShown}
          aria-label={t('grid.toolbar.filters')}
          px={8}
          rightSection={p.activeFilters > 0 ? <span className="ivg-count">{p.activeFilters}</span> : undefined}
        />
      </Tooltip>
    </div>
  );
}
