import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

/*
 * `npm run dist` cannot run here (Electron's runtime cannot be downloaded), so its configuration
 * is checked against electron-builder itself: its schema, its default deb dependencies, its fuses.
 */

const root = join(__dirname, '../..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, Record<string, unknown>>;
// electron-builder's own copy of app-builder-lib (where its schema and defaults live).
const fromBuilder = createRequire(createRequire(join(root, 'package.json')).resolve('electron-builder'));

describe('electron-builder.yml', () => {
  it("is valid by electron-builder's own schema", async () => {
    const { validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config') as { validateConfiguration: (c: unknown, l: unknown) => Promise<void> };
    const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, bogus: true }, new DebugLogger(false))).rejects.toThrow(/Invalid configuration/);
  });

  it("keeps electron-builder's default deb dependencies and adds ours", () => {
    const { default: FpmTarget } = fromBuilder('app-builder-lib/out/targets/FpmTarget') as { default: { prototype: { getDefaultDepends(t: string): string[] } } };
    const defaults = FpmTarget.prototype.getDefaultDepends.call({}, 'deb');
    expect(defaults.length).toBeGreaterThan(5);
    const depends = config.deb?.depends as string[];
    expect(depends).toEqual(expect.arrayContaining(defaults));
    expect(depends).toContain('libasound2t64 | libasound2');
  });

  it('unpacks only native binaries from the asar, and sets every fuse electron-builder knows', () => {
    expect(config.asarUnpack).toEqual(['**/*.node']);
    const { FuseV1Options } = fromBuilder('@electron/fuses') as { FuseV1Options: Record<string, number | string> };
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    const lower = (s: string) => s[0]!.toLowerCase() + s.slice(1);
    expect(Object.keys(config.electronFuses ?? {}).sort()).toEqual(known.map(lower).sort());
  });

  it('has the icons and the macOS microphone entitlement it names', () => {
    const png = readFileSync(join(root, 'build/icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(readdirSync(join(root, 'build/icons'))).toEqual(expect.arrayContaining(['16x16.png', '256x256.png', '512x512.png']));
    expect(readFileSync(join(root, String(config.win?.icon))).readUInt16LE(2)).toBe(1); // ICO
    expect(readFileSync(join(root, String(config.mac?.icon))).subarray(0, 4).toString()).toBe('icns');
    for (const key of ['entitlements', 'entitlementsInherit']) {
      const plist = readFileSync(join(root, String(config.mac?.[key])), 'utf8');
      expect(plist).toMatch(/<key>com\.apple\.security\.device\.audio-input<\/key>\s*<true\/>/);
    }
    expect(String((config.mac?.extendInfo as Record<string, unknown>).NSMicrophoneUsageDescription)).toMatch(/microphone/);
  });
});

describe('package.json dependencies', () => {
  /** Every bare import of a folder's TypeScript, as package names. */
  const importsOf = (dir: string, except: string[] = []): Set<string> => {
    const out = new Set<string>();
    for (const f of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) {
      if (!/\.tsx?$/.test(f) || except.includes(f)) continue;
      for (const m of readFileSync(join(root, dir, f), 'utf8').matchAll(/(?:from|import)\s+'([^'.][^']*)'/g)) {
        const spec = m[1]!;
        if (spec.startsWith('node:')) continue;
        out.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    return out;
  };

  it('are what main needs at run time (packed into the app); the bundled renderer packages are devDependencies', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // The demo's command line (npm run demo) is a development tool, not part of the app.
    const main = new Set([...importsOf('src/main', ['demo/cli.ts']), ...importsOf('src/shared')]);
    main.delete('electron'); // provided by the runtime
    const deps = Object.keys(pkg.dependencies).sort();
    expect(deps).toEqual([...main].sort());
    for (const onlyRenderer of [...importsOf('src/renderer')].filter((p) => !main.has(p))) expect(deps, onlyRenderer).not.toContain(onlyRenderer);
  });
});
