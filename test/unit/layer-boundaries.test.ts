import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/*
 * The layer rule must fail lint on a wrong import (DESIGN.md: renderer -> shared <- main; only
 * src/main/electron imports electron). Each case lints a one-line file placed in a layer.
 */
const eslint = new ESLint({ overrideConfig: [tseslint.configs.disableTypeChecked] });

async function errorsFor(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId ?? ''}: ${m.message}`);
}

const cases: [string, string, boolean][] = [
  ['src/shared/api/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", false],
  ['src/shared/api/x.ts', "import { openRaw } from '../../main/db/connection';\nexport const x = openRaw;", false],
  ['src/shared/api/x.ts', "import { useState } from 'react';\nexport const x = useState;", false],
  ['src/shared/api/x.ts', "import { z } from 'zod';\nexport const x = z;", true],
  ['src/renderer/src/x.ts', "import { openRaw } from '../../main/db/connection';\nexport const x = openRaw;", false],
  ['src/renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;", false],
  ['src/renderer/src/x.ts', "import { methods } from '../../shared/api/contract';\nexport const x = methods;", true],
  ['src/main/grid/x.ts', "import { app } from 'electron';\nexport const x = app;", false],
  ['src/main/grid/x.ts', "import { createElement } from 'react';\nexport const x = createElement;", false],
  ['src/main/grid/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", true],
  ['src/main/electron/x.ts', "import { app } from 'electron';\nexport const x = app;", true],
  // Inside main: transport -> api -> app -> capability -> core -> db, never upwards.
  ['src/main/db/x.ts', "import { InterventionGrid } from '../grid/grid';\nexport const x = InterventionGrid;", false],
  ['src/main/db/x.ts', "import { createRecord } from '../core/records';\nexport const x = createRecord;", false],
  ['src/main/core/x.ts', "import { InterventionGrid } from '../grid/grid';\nexport const x = InterventionGrid;", false],
  ['src/main/core/x.ts', "import { openRaw } from '../db/connection';\nexport const x = openRaw;", true],
  ['src/main/grid/x.ts', "import { createDispatcher } from '../api/dispatcher';\nexport const x = createDispatcher;", false],
  ['src/main/grid/x.ts', "import { startHost } from '../transport/http-host';\nexport const x = startHost;", false],
  ['src/main/grid/x.ts', "import { openApp } from '../app/open';\nexport const x = openApp;", false],
  ['src/main/grid/x.ts', "import { createRecord } from '../core/records';\nexport const x = createRecord;", true],
  ['src/main/grid/x.ts', "import { openRaw } from '../db/connection';\nexport const x = openRaw;", true],
  ['src/main/transport/x.ts', "import { InterventionGrid } from '../grid/grid';\nexport const x = InterventionGrid;", false],
  ['src/main/transport/x.ts', "import { openRaw } from '../db/connection';\nexport const x = openRaw;", false],
  ['src/main/transport/x.ts', "import { openApp } from '../app/open';\nexport const x = openApp;", false],
  ['src/main/transport/x.ts', "import { createDispatcher } from '../api/dispatcher';\nexport const x = createDispatcher;", true],
  ['src/main/api/x.ts', "import { startHost } from '../transport/http-host';\nexport const x = startHost;", false],
  ['src/main/api/x.ts', "import { InterventionGrid } from '../grid/grid';\nexport const x = InterventionGrid;", true],
  ['src/main/app/x.ts', "import { createDispatcher } from '../api/dispatcher';\nexport const x = createDispatcher;", false],
  // Renderer: a feature never imports another feature, the kit never a feature or the shell.
  ['src/renderer/src/features/grid/x.ts', "import { MentionsBell } from '../thread/mentions-bell';\nexport const x = MentionsBell;", false],
  ['src/renderer/src/features/grid/x.ts', "import { Shell } from '../../shell/shell';\nexport const x = Shell;", false],
  ['src/renderer/src/features/grid/x.ts', "import { GridStore } from './grid-store';\nexport const x = GridStore;", true],
  ['src/renderer/src/features/grid/x.ts', "import { statusLabel } from '../../kit/labels';\nexport const x = statusLabel;", true],
  ['src/renderer/src/kit/x.ts', "import { GridStore } from '../features/grid/grid-store';\nexport const x = GridStore;", false],
  ['src/renderer/src/kit/x.ts', "import { Shell } from '../shell/shell';\nexport const x = Shell;", false],
  ['src/renderer/src/api/x.ts', "import { statusLabel } from '../kit/labels';\nexport const x = statusLabel;", false],
  ['src/renderer/src/shell/x.ts', "import { GridStore } from '../features/grid/grid-store';\nexport const x = GridStore;", true],
];

describe('layer boundaries', () => {
  it.each(cases)('%s: %s allowed=%s', async (path, code, allowed) => {
    const errors = await errorsFor(path, code);
    if (allowed) expect(errors).toEqual([]);
    else expect(errors.length, 'expected lint to fail').toBeGreaterThan(0);
  });
});
