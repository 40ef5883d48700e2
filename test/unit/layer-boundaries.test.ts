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
  ['src/main/services/x.ts', "import { app } from 'electron';\nexport const x = app;", false],
  ['src/main/services/x.ts', "import { createElement } from 'react';\nexport const x = createElement;", false],
  ['src/main/services/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", true],
  ['src/main/electron/x.ts', "import { app } from 'electron';\nexport const x = app;", true],
];

describe('layer boundaries', () => {
  it.each(cases)('%s: %s allowed=%s', async (path, code, allowed) => {
    const errors = await errorsFor(path, code);
    if (allowed) expect(errors).toEqual([]);
    else expect(errors.length, 'expected lint to fail').toBeGreaterThan(0);
  });
});
