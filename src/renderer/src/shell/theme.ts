import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** A muted steel blue: calm enough to sit in front of all day. */
const brand: MantineColorsTuple = [
  '#eef4fa',
  '#dce6f1',
  '#b5cbe2',
  '#8baed3',
  '#6895c6',
  '#5186bf',
  '#447dbc',
  '#356ba6',
  '#2c5f95',
  '#1e5285',
];

const font = 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const theme = createTheme({
  colors: { brand },
  primaryColor: 'brand',
  primaryShade: 7,
  fontFamily: font,
  headings: { fontFamily: font, fontWeight: '600' },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { size: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    PasswordInput: { defaultProps: { size: 'sm' } },
    NativeSelect: { defaultProps: { size: 'sm' } },
    Tooltip: { defaultProps: { openDelay: 400, withArrow: true, fz: 'xs' } },
    Menu: { defaultProps: { shadow: 'md' } },
    Paper: { defaultProps: { radius: 'sm' } },
  },
});
