import { CloseButton, Kbd, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';

const SEARCH_DEBOUNCE_MS = 250;

interface Props {
  /** The search the view applies. */
  value: string;
  onChange: (value: string) => void;
  inputRef: Ref<HTMLInputElement>;
  /** Esc on an empty box: back to the grid. */
  onLeave: () => void;
}

/** Quick search over client, object, notes, phone and number: applied 250 ms after typing stops; Esc clears. */
export function SearchBox({ value, onChange, inputRef, onLeave }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const [synced, setSynced] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  if (synced !== value) {
    // The view changed from elsewhere (another view, a chip removed): show its search.
    setSynced(value);
    setText(value);
  }
  const apply = (v: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = v.trim();
    setSynced(next);
    if (next !== value) onChange(next);
  };
  return (
    <TextInput
      ref={inputRef}
      size="xs"
      w={250}
      value={text}
      placeholder={t('grid.filters.searchPlaceholder')}
      aria-label={t('grid.filters.search')}
      title={t('grid.filters.searchHint')}
      leftSection={<IconSearch size={14} stroke={1.8} />}
      rightSectionWidth={text ? 28 : 58}
      rightSection={
        text ? (
          <CloseButton size="xs" onClick={() => (setText(''), apply(''))} aria-label={t('grid.filters.clear')} data-testid="search-clear" />
        ) : (
          <Kbd size="xs" style={{ fontSize: 10, opacity: 0.7 }}>
            Ctrl F
          </Kbd>
        )
      }
      data-testid="search"
      onChange={(e) => {
        const v = e.currentTarget.value;
        setText(v);
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => apply(v), SEARCH_DEBOUNCE_MS);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') apply(text);
        else if (e.key === 'Escape') {
          e.preventDefault();
          if (text) {
            setText('');
            apply('');
          } else onLeave();
        }
      }}
    />
  );
}
