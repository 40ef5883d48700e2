import { Tabs } from '@mantine/core';
import { IconBuildingCommunity, IconCalendarStats, IconCloudDataConnection, IconHierarchy2, IconMail, IconNumbers, IconSettings, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestTypesAdmin } from '../features/request-types/request-types-page';
import { SeriesAdmin } from '../features/numbering/series-page';
import { WorkingPeriodsAdmin } from '../features/numbering/working-periods-page';
import { PersonnelAdmin } from '../features/personnel/personnel-page';
import { UsersAdmin } from '../features/auth/users-page';
import { SettingsAdmin } from '../features/settings/settings-page';
import { StoreAdmin } from '../features/sync/store-page';
import { MailAdmin } from '../features/mail/mail-page';
import './administration-window.css';
import type { Me } from '../../../shared/api/auth';

type Page = 'requestTypes' | 'series' | 'periods' | 'personnel' | 'users' | 'settings' | 'mail' | 'store';

/**
 * The Administration module: what the intervention form uses (request types, series, working
 * period, people) and who may do what. Only admins reach it; the main process refuses the
 * methods to anyone else whatever this window shows.
 */
export function AdministrationWindow({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [page, setPage] = useState<Page>('requestTypes');
  return (
    <Tabs
      className="admin-window"
      orientation="vertical"
      value={page}
      onChange={(v) => v && setPage(v as Page)}
      keepMounted={false}
      data-testid="admin-window"
    >
      <Tabs.List>
        <Tabs.Tab value="requestTypes" leftSection={<IconHierarchy2 size={16} />} data-testid="admin-tab-requestTypes">
          {t('admin.tabs.requestTypes')}
        </Tabs.Tab>
        <Tabs.Tab value="series" leftSection={<IconNumbers size={16} />} data-testid="admin-tab-series">
          {t('admin.tabs.series')}
        </Tabs.Tab>
        <Tabs.Tab value="periods" leftSection={<IconCalendarStats size={16} />} data-testid="admin-tab-periods">
          {t('admin.tabs.periods')}
        </Tabs.Tab>
        <Tabs.Tab value="personnel" leftSection={<IconBuildingCommunity size={16} />} data-testid="admin-tab-personnel">
          {t('admin.tabs.personnel')}
        </Tabs.Tab>
        <Tabs.Tab value="users" leftSection={<IconUsers size={16} />} data-testid="admin-tab-users">
          {t('admin.tabs.users')}
        </Tabs.Tab>
        <Tabs.Tab value="settings" leftSection={<IconSettings size={16} />} data-testid="admin-tab-settings">
          {t('admin.tabs.settings')}
        </Tabs.Tab>
        <Tabs.Tab value="mail" leftSection={<IconMail size={16} />} data-testid="admin-tab-mail">
          {t('mail.tab')}
        </Tabs.Tab>
        <Tabs.Tab value="store" leftSection={<IconCloudDataConnection size={16} />} data-testid="admin-tab-store">
          {t('sync.admin.tab')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="requestTypes">
        <RequestTypesAdmin me={me} />
      </Tabs.Panel>
      <Tabs.Panel value="series">
        <SeriesAdmin me={me} />
      </Tabs.Panel>
      <Tabs.Panel value="periods">
        <WorkingPeriodsAdmin me={me} />
      </Tabs.Panel>
      <Tabs.Panel value="personnel">
        <PersonnelAdmin me={me} />
      </Tabs.Panel>
      <Tabs.Panel value="users">
        <UsersAdmin me={me} />
      </Tabs.Panel>
      <Tabs.Panel value="settings">
        <SettingsAdmin me={me} />
      </Tabs.Panel>
      <Tabs.Panel value="mail">
        <MailAdmin me={me} />
      </Tabs.Panel>
      <Tabs.Panel value="store">
        <StoreAdmin me={me} />
      </Tabs.Panel>
    </Tabs>
  );
}
