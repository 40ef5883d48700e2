import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconKeyboard, IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_NAMES, isLanguage, type Language } from '../../../shared/i18n/languages';
import type { Me } from '../../../shared/api/auth';
import { englishRegion, rememberEnglishRegion } from '../kit/dates';
import { roleLabel } from '../kit/labels';

interface Props {
  me: Me;
  opened: boolean;
  onOpenedChange: (opened: boolean) => void;
  onLanguage: (language: Language) => void;
  onShortcuts: () => void;
  onLogout: () => void;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}

export function UserMenu({ me, opened, onOpenedChange, onLanguage, onShortcuts, onLogout }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <Menu opened={opened} onChange={onOpenedChange} position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('header.userMenu')} data-testid="user-menu" px={6} py={4} style={{ borderRadius: 'var(--mantine-radius-sm)' }}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={26} radius="xl" color="brand" variant="filled">
              {initials(me.displayName)}
            </Avatar>
            <div style={{ lineHeight: 1.15 }}>
              <Text size="sm" fw={500} lh={1.2}>
                {me.displayName}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {roleLabel(t, me.role)}
              </Text>
            </div>
            <IconChevronDown size={14} stroke={1.6} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('header.signedInAs', { login: me.login })}</Menu.Label>
        <Menu.Divider />
        <Menu.Label>{t('header.language')}</Menu.Label>
        <Menu.RadioGroup value={i18n.language} onChange={(v) => isLanguage(v) && onLanguage(v)}>
          {LANGUAGES.map((l) => (
            <Menu.RadioItem key={l} value={l} lang={l} data-testid={`lang-${l}`}>
              {LANGUAGE_NAMES[l]}
            </Menu.RadioItem>
          ))}
        </Menu.RadioGroup>
        {i18n.language === 'en' && (
          <>
            <Menu.Label>{t('header.dateOrder')}</Menu.Label>
            <Menu.RadioGroup
              value={englishRegion()}
              onChange={(v) => {
                rememberEnglishRegion(v === 'US' ? 'US' : 'GB');
                // Every screen formats dates when the language changes: the same signal re-renders them.
                i18n.emit('languageChanged', i18n.language);
              }}
            >
              <Menu.RadioItem value="GB" data-testid="date-order-GB">
                {t('header.dayFirst')}
              </Menu.RadioItem>
              <Menu.RadioItem value="US" data-testid="date-order-US">
                {t('header.monthFirst')}
              </Menu.RadioItem>
            </Menu.RadioGroup>
          </>
        )}
        <Menu.Divider />
        <Menu.Item leftSection={<IconKeyboard size={16} stroke={1.6} />} rightSection={<Text size="xs" c="dimmed">F1</Text>} onClick={onShortcuts}>
          {t('header.shortcuts')}
        </Menu.Item>
        <Menu.Item color="red" leftSection={<IconLogout size={16} stroke={1.6} />} onClick={onLogout} data-testid="logout">
          {t('header.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
