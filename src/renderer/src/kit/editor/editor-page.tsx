import { Button, Kbd, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  title: string;
  description: string;
  addLabel?: string | undefined;
  onAdd?: (() => void) | undefined;
  addTestid?: string;
  tools?: ReactNode;
  list: ReactNode;
  editor: ReactNode | null;
  testid: string;
}

/** One administration page: a heading, the dense list, and the editor of the open line beside it. */
export function AdminPage({ title, description, addLabel, onAdd, addTestid, tools, list, editor, testid }: Props) {
  const { t } = useTranslation();
  return (
    <div className="adm-page" data-testid={testid}>
      <div className="adm-listpane" onKeyDown={(e) => e.key === 'Insert' && onAdd && !e.defaultPrevented && (e.preventDefault(), onAdd())}>
        <div className="adm-toolbar">
          <div className="adm-toolbar-title">
            <Text fw={600} size="sm" truncate="end">
              {title}
            </Text>
            {/* One line: with the editor open the list is narrow; the whole sentence is in the tooltip. */}
            <Text size="xs" c="dimmed" truncate="end" title={description}>
              {description}
            </Text>
          </div>
          {tools}
          {onAdd && addLabel && (
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} rightSection={<Kbd size="xs">Ins</Kbd>} onClick={onAdd} data-testid={addTestid}>
              {addLabel}
            </Button>
          )}
        </div>
        {list}
        <Text size="xs" c="dimmed" className="adm-hint">
          {t('admin.common.keysHint')}
        </Text>
      </div>
      {editor ? <div className="dense-pane adm-editorpane">{editor}</div> : null}
    </div>
  );
}
