import { Button, Checkbox, Group, Menu, Modal, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconChevronDown, IconDeviceFloppy, IconLayoutList, IconStarFilled, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUILTIN_VIEWS, type BuiltinViewId, type SavedView } from '../../../../shared/grid/views';
import { builtinViewLabel } from './labels';
import type { ViewSource } from './view-model';

interface Props {
  source: ViewSource;
  dirty: boolean;
  saved: readonly SavedView[];
  canSave: boolean;
  onBuiltin: (id: BuiltinViewId) => void;
  onSaved: (view: SavedView) => void;
  onSave: () => void;
  onSaveAs: () => void;
  onDelete: () => void;
}

/** The views menu: built-in views, the user's saved views, save / save as / delete. */
export function ViewsMenu({ source, dirty, saved, canSave, onBuiltin, onSaved, onSave, onSaveAs, onDelete }: Props) {
  const { t } = useTranslation();
  const name = source.kind === 'builtin' ? builtinViewLabel(t, source.id) : source.view.name;
  return (
    <Group gap={4} wrap="nowrap">
      <Menu position="bottom-start" shadow="md" width={270} withinPortal>
        <Menu.Target>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconLayoutList size={15} stroke={1.7} />}
            rightSection={<IconChevronDown size={13} />}
            data-testid="views-menu"
            data-dirty={dirty || undefined}
            styles={{ root: { maxWidth: 280 }, label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
          >
            <span data-testid="view-name">{name}</span>
            {dirty && (
              <Tooltip label={t('grid.views.modified')}>
                <span data-testid="view-dirty" aria-label={t('grid.views.modified')} style={{ marginLeft: 5, fontSize: 16, lineHeight: 0, color: 'var(--mantine-color-orange-6)' }}>
                  ●
                </span>
              </Tooltip>
            )}
          </Button>
        </Menu.Target>
        <Menu.Dropdown data-testid="views-dropdown">
          <Menu.Label>{t('grid.views.builtin')}</Menu.Label>
          {BUILTIN_VIEWS.map((id) => {
            const current = source.kind === 'builtin' && source.id === id;
            return (
              <Menu.Item key={id} onClick={() => onBuiltin(id)} leftSection={current ? <IconCheck size={14} /> : <span style={{ width: 14 }} />} data-testid={`view-builtin-${id}`}>
                {builtinViewLabel(t, id)}
              </Menu.Item>
            );
          })}
          <Menu.Divider />
          <Menu.Label>{t('grid.views.myViews')}</Menu.Label>
          {saved.length === 0 && (
            <Text size="xs" c="dimmed" px="sm" py={4}>
              {t('grid.views.noSaved')}
            </Text>
          )}
          {saved.map((v) => {
            const current = source.kind === 'saved' && source.view.id === v.id;
            return (
              <Menu.Item
                key={v.id}
                onClick={() => onSaved(v)}
                leftSection={current ? <IconCheck size={14} /> : <span style={{ width: 14 }} />}
                rightSection={v.isDefault ? <IconStarFilled size={12} color="var(--mantine-color-yellow-6)" aria-label={t('grid.views.default')} /> : null}
                data-testid={`view-saved-${v.id}`}
              >
                {v.name}
              </Menu.Item>
            );
          })}
          <Menu.Divider />
          {source.kind === 'saved' && (
            <Menu.Item leftSection={<IconDeviceFloppy size={14} />} disabled={!dirty || !canSave} onClick={onSave} data-testid="view-save">
              {t('grid.views.save')}
            </Menu.Item>
          )}
          <Menu.Item leftSection={<IconDeviceFloppy size={14} />} onClick={onSaveAs} disabled={!canSave} data-testid="view-save-as">
            {t('grid.views.saveAs')}
          </Menu.Item>
          {source.kind === 'saved' && (
            <Menu.Item leftSection={<IconTrash size={14} />} color="red" onClick={onDelete} data-testid="view-delete">
              {t('grid.views.delete')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}

interface SaveProps {
  opened: boolean;
  initialName: string;
  initialDefault: boolean;
  onClose: () => void;
  onSave: (name: string, isDefault: boolean) => Promise<void>;
}

export function SaveViewDialog(props: SaveProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('grid.views.saveAs')} size="sm" closeButtonProps={{ 'aria-label': t('common.close') }} data-testid="view-save-dialog">
      {/* Mounted per opening, so it starts from the current name. */}
      {props.opened && <SaveViewForm {...props} />}
    </Modal>
  );
}

function SaveViewForm({ initialName, initialDefault, onClose, onSave }: SaveProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(initialName);
  const [isDefault, setIsDefault] = useState(initialDefault);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = () => {
    if (!name.trim()) return setError(t('grid.views.nameRequired'));
    setBusy(true);
    onSave(name.trim(), isDefault).then(
      () => setBusy(false),
      () => setBusy(false),
    );
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={t('grid.views.name')}
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          maxLength={80}
          data-autofocus
          data-testid="view-name-input"
        />
        <Checkbox label={t('grid.views.makeDefault')} checked={isDefault} onChange={(e) => setIsDefault(e.currentTarget.checked)} data-testid="view-default-checkbox" />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('grid.back')}
          </Button>
          <Button type="submit" loading={busy} data-testid="view-save-confirm">
            {t('grid.views.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function DeleteViewDialog({ opened, name, onClose, onConfirm }: { opened: boolean; name: string; onClose: () => void; onConfirm: () => void }) {
  const { t } = useTranslation();
  return (
    <ModalConfirm opened={opened} title={t('grid.views.delete')} body={t('grid.views.deleteConfirm', { name })} confirm={t('grid.views.delete')} onClose={onClose} onConfirm={onConfirm} />
  );
}


function ModalConfirm({ opened, title, body, confirm, onClose, onConfirm }: { opened: boolean; title: string; body: string; confirm: string; onClose: () => void; onConfirm: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="sm" closeButtonProps={{ 'aria-label': t('common.close') }} data-testid="view-delete-dialog">
      <Stack gap="md">
        <Text size="sm">{body}</Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('grid.back')}
          </Button>
          <Button color="red" onClick={onConfirm} data-testid="view-delete-confirm">
            {confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
