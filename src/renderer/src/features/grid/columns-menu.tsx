import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent, type Modifier } from '@dnd-kit/core';
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Button, Checkbox, Divider, Group, Menu, Popover, ScrollArea, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowLeft, IconArrowRight, IconArrowUp, IconArrowsSort, IconColumns3, IconEyeOff, IconGripVertical, IconLayoutColumns, IconPin, IconPinnedOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ColumnId } from '../../../../shared/grid/columns';
import type { GridSort } from '../../../../shared/grid/query';
import { defaultLayout, type ViewLayout } from '../../../../shared/grid/views';
import { moveColumnBy } from './column-order';
import { columnLabel } from './labels';

const verticalOnly: Modifier = ({ transform }) => ({ ...transform, x: 0 });

function setColumn(layout: ViewLayout, id: ColumnId, patch: Partial<ViewLayout['columns'][number]>): ViewLayout {
  return { ...layout, columns: layout.columns.map((c) => (c.id === id ? { ...c, ...patch } : c)) };
}

interface MenuProps {
  layout: ViewLayout;
  onLayoutChange: (layout: ViewLayout) => void;
  opened: boolean;
  onOpenedChange: (opened: boolean) => void;
}

/** The toolbar's "Columns" popover: show or hide, drag to reorder, pin; and the width mode. */
export function ColumnsMenu({ layout, onLayoutChange, opened, onOpenedChange }: MenuProps) {
  const { t } = useTranslation();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const shown = layout.columns.filter((c) => c.visible).length;
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = layout.columns.findIndex((c) => c.id === active.id);
    const to = layout.columns.findIndex((c) => c.id === over.id);
    onLayoutChange({ ...layout, columns: arrayMove(layout.columns, from, to) });
  };
  return (
    <Popover opened={opened} onChange={onOpenedChange} position="bottom-end" shadow="md" width={300} withinPortal trapFocus={false}>
      <Popover.Target>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconColumns3 size={15} stroke={1.7} />}
          onClick={() => onOpenedChange(!opened)}
          data-testid="columns-menu"
          aria-expanded={opened}
        >
          {t('grid.toolbar.columns')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown p={8} data-testid="columns-popover">
        <Stack gap={6}>
          <Group justify="space-between" gap="xs">
            <Text size="xs" fw={600} tt="uppercase" c="dimmed">
              {t('grid.columnsMenu.widthMode')}
            </Text>
            <Text size="xs" c="dimmed" data-testid="columns-shown">
              {t('grid.columnsMenu.visible', { shown, total: layout.columns.length })}
            </Text>
          </Group>
          <SegmentedControl
            size="xs"
            fullWidth
            value={layout.widthMode}
            onChange={(v) => onLayoutChange({ ...layout, widthMode: v === 'fit' ? 'fit' : 'fixed' })}
            data={[
              { value: 'fit', label: t('grid.columnsMenu.fit') },
              { value: 'fixed', label: t('grid.columnsMenu.fixed') },
            ]}
            data-testid="width-mode"
          />
          <Divider />
          <ScrollArea.Autosize mah={380} type="auto" offsetScrollbars>
            <DndContext sensors={sensors} collisionDetection={closestCenter} modifiers={[verticalOnly]} onDragEnd={onDragEnd}>
              <SortableContext items={layout.columns.map((c) => c.id)} strategy={verticalListSortingStrategy}>
                {layout.columns.map((c) => (
                  <ColumnItem
                    key={c.id}
                    id={c.id}
                    visible={c.visible}
                    pinned={c.pinned}
                    onVisible={(visible) => (visible || shown > 1 ? onLayoutChange(setColumn(layout, c.id, { visible })) : undefined)}
                    onPinned={(pinned) => onLayoutChange(setColumn(layout, c.id, { pinned, visible: pinned ? true : c.visible }))}
                  />
                ))}
              </SortableContext>
            </DndContext>
          </ScrollArea.Autosize>
          <Divider />
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            leftSection={<IconLayoutColumns size={14} />}
            onClick={() => onLayoutChange({ ...defaultLayout(), groupsAsTree: layout.groupsAsTree, widthMode: layout.widthMode })}
            data-testid="columns-reset"
          >
            {t('grid.columnsMenu.reset')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function ColumnItem({ id, visible, pinned, onVisible, onPinned }: { id: ColumnId; visible: boolean; pinned: boolean; onVisible: (v: boolean) => void; onPinned: (v: boolean) => void }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  return (
    <div
      ref={setNodeRef}
      className="ivg-colmenu-item"
      data-dragging={isDragging || undefined}
      data-testid={`col-item-${id}`}
      style={{ transform: CSS.Translate.toString(transform), transition, position: 'relative' }}
    >
      <span ref={setActivatorNodeRef} className="ivg-grip" {...attributes} {...listeners} aria-label={t('grid.columnsMenu.drag')} data-testid={`col-grip-${id}`}>
        <IconGripVertical size={14} />
      </span>
      <Checkbox size="xs" checked={visible} onChange={(e) => onVisible(e.currentTarget.checked)} label={columnLabel(t, id)} data-testid={`col-toggle-${id}`} style={{ flex: 1 }} />
      <Tooltip label={pinned ? t('grid.columnsMenu.unpin') : t('grid.columnsMenu.pin')}>
        <ActionIcon
          size="sm"
          variant={pinned ? 'light' : 'subtle'}
          color={pinned ? 'brand' : 'gray'}
          onClick={() => onPinned(!pinned)}
          aria-label={pinned ? t('grid.columnsMenu.unpin') : t('grid.columnsMenu.pin')}
          aria-pressed={pinned}
          data-testid={`col-pin-${id}`}
        >
          <IconPin size={14} stroke={1.7} />
        </ActionIcon>
      </Tooltip>
    </div>
  );
}

interface HeaderMenuProps {
  state: { id: ColumnId; x: number; y: number } | null;
  onClose: () => void;
  layout: ViewLayout;
  sort: GridSort;
  onLayoutChange: (layout: ViewLayout) => void;
  onSortChange: (sort: GridSort) => void;
  onOpenColumns: () => void;
}

/** Right click on a header: sort, pin, hide, the column list, the width mode. */
export function HeaderMenu({ state, onClose, layout, sort, onLayoutChange, onSortChange, onOpenColumns }: HeaderMenuProps) {
  const { t } = useTranslation();
  const id = state?.id;
  const col = layout.columns.find((c) => c.id === id);
  const sorted = sort.find((s) => s.column === id);
  const shown = layout.columns.filter((c) => c.visible).length;
  const canMove = (step: -1 | 1) => id !== undefined && moveColumnBy(layout, id, step) !== layout;
  return (
    <Menu opened={state !== null} onChange={(o) => !o && onClose()} position="bottom-start" withinPortal shadow="md" width={220}>
      <Menu.Target>
        <div style={{ position: 'fixed', left: state?.x ?? 0, top: state?.y ?? 0, width: 1, height: 1, pointerEvents: 'none' }} />
      </Menu.Target>
      {id && col && (
        <Menu.Dropdown data-testid="header-menu">
          <Menu.Label>{columnLabel(t, id)}</Menu.Label>
          <Menu.Item leftSection={<IconArrowUp size={14} />} onClick={() => onSortChange([{ column: id, desc: false }])} data-testid="hm-sort-asc">
            {t('grid.columnsMenu.sortAsc')}
          </Menu.Item>
          <Menu.Item leftSection={<IconArrowDown size={14} />} onClick={() => onSortChange([{ column: id, desc: true }])} data-testid="hm-sort-desc">
            {t('grid.columnsMenu.sortDesc')}
          </Menu.Item>
          <Menu.Item leftSection={<IconArrowsSort size={14} />} disabled={!sorted} onClick={() => onSortChange(sort.filter((s) => s.column !== id))} data-testid="hm-sort-clear">
            {t('grid.columnsMenu.clearSort')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item
            leftSection={col.pinned ? <IconPinnedOff size={14} /> : <IconPin size={14} />}
            onClick={() => onLayoutChange(setColumn(layout, id, { pinned: !col.pinned }))}
            data-testid="hm-pin"
          >
            {col.pinned ? t('grid.columnsMenu.unpin') : t('grid.columnsMenu.pin')}
          </Menu.Item>
          <Menu.Item leftSection={<IconEyeOff size={14} />} disabled={shown <= 1} onClick={() => onLayoutChange(setColumn(layout, id, { visible: false, pinned: false }))} data-testid="hm-hide">
            {t('grid.columnsMenu.hide')}
          </Menu.Item>
          <Menu.Item leftSection={<IconArrowLeft size={14} />} disabled={!canMove(-1)} onClick={() => onLayoutChange(moveColumnBy(layout, id, -1))} data-testid="hm-move-left">
            {t('grid.columnsMenu.moveLeft')}
          </Menu.Item>
          <Menu.Item leftSection={<IconArrowRight size={14} />} disabled={!canMove(1)} onClick={() => onLayoutChange(moveColumnBy(layout, id, 1))} data-testid="hm-move-right">
            {t('grid.columnsMenu.moveRight')}
          </Menu.Item>
          <Menu.Item leftSection={<IconColumns3 size={14} />} onClick={onOpenColumns} data-testid="hm-columns">
            {t('grid.columnsMenu.more')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item
            leftSection={<IconLayoutColumns size={14} />}
            onClick={() => onLayoutChange({ ...layout, widthMode: layout.widthMode === 'fit' ? 'fixed' : 'fit' })}
            data-testid="hm-width-mode"
          >
            {layout.widthMode === 'fit' ? t('grid.columnsMenu.fixed') : t('grid.columnsMenu.fit')}
          </Menu.Item>
        </Menu.Dropdown>
      )}
    </Menu>
  );
}
