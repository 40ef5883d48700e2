import type { MenuItemConstructorOptions } from 'electron';

/*
 * The desktop app's own menu, in place of Electron's default one (whose Reload and Toggle
 * Developer Tools would ship to every user). Edit keeps copy and paste working (on macOS the
 * clipboard keys only work through menu roles); View has zoom and full screen; Reload and
 * DevTools only in development. It claims none of the app's own keys (F1, F5, Ctrl+F, Ctrl+S,
 * Insert, Alt+1…7): the page handles those; Help lists them and presses F1 for the user.
 * Only types from Electron: tested as plain data.
 */

interface MenuLabels {
  file: string;
  edit: string;
  view: string;
  window: string;
  help: string;
  shortcuts: string;
  quit: string;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** A development run (not packaged): Reload and DevTools are there. */
  dev: boolean;
  labels: MenuLabels;
  /** Help → Keyboard shortcuts: shows the page's F1 list in the focused window. */
  showShortcuts: () => void;
  appName: string;
}

export function menuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin';
  const devItems: MenuItemConstructorOptions[] = o.dev ? [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] : [];
  return [
    ...(mac
      ? [{ label: o.appName, submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit', label: o.labels.quit }] } satisfies MenuItemConstructorOptions]
      : [{ label: o.labels.file, submenu: [{ role: 'quit', label: o.labels.quit }] } satisfies MenuItemConstructorOptions]),
    {
      label: o.labels.edit,
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: o.labels.view,
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }, ...devItems],
    },
    { label: o.labels.window, submenu: [{ role: 'minimize' }, ...(mac ? [{ role: 'zoom' } as const, { role: 'front' } as const] : [{ role: 'close' } as const])] },
    {
      label: o.labels.help,
      role: 'help',
      // Shown with its key, but the key itself stays the page's (registerAccelerator: false).
      submenu: [{ label: o.labels.shortcuts, accelerator: 'F1', registerAccelerator: false, click: o.showShortcuts }],
    },
  ];
}
