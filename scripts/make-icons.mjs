// Renders build/icon.svg to the icons electron-builder packs: build/icon.png (1024, Linux and the
// source for the others), build/icons/<n>x<n>.png (Linux sizes), build/icon.ico (Windows) and
// build/icon.icns (macOS), both holding PNG images (valid since Windows Vista and macOS 10.7).
// Run after changing the SVG: node scripts/make-icons.mjs (uses Chromium, as the e2e tests do).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { root } from './tools.mjs';

const dir = join(root, 'build');
const svg = readFileSync(join(dir, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--headless=new'] });
const page = await browser.newPage();
/** The icon at n × n pixels, transparent around the rounded square. */
async function render(n) {
  await page.setViewportSize({ width: n, height: n });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('width="1024" height="1024"', `width="${n}" height="${n}"`)}</body></html>`);
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: n, height: n } });
}
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const png = new Map();
for (const n of sizes) png.set(n, await render(n));
await browser.close();

writeFileSync(join(dir, 'icon.png'), png.get(1024));
mkdirSync(join(dir, 'icons'), { recursive: true });
for (const n of [16, 24, 32, 48, 64, 128, 256, 512]) writeFileSync(join(dir, 'icons', `${n}x${n}.png`), png.get(n));

// ICO: a 6-byte header, a 16-byte entry per image, then the PNGs.
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
const header = Buffer.alloc(6 + 16 * icoSizes.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(icoSizes.length, 4);
let offset = header.length;
icoSizes.forEach((n, i) => {
  const e = 6 + 16 * i;
  header.writeUInt8(n >= 256 ? 0 : n, e);
  header.writeUInt8(n >= 256 ? 0 : n, e + 1);
  header.writeUInt16LE(1, e + 4);
  header.writeUInt16LE(32, e + 6);
  header.writeUInt32LE(png.get(n).length, e + 8);
  header.writeUInt32LE(offset, e + 12);
  offset += png.get(n).length;
});
writeFileSync(join(dir, 'icon.ico'), Buffer.concat([header, ...icoSizes.map((n) => png.get(n))]));

// ICNS: "icns" and the total length, then per image its type, its length and the PNG.
const icns = [['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024], ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512]].map(([type, n]) => {
  const h = Buffer.alloc(8);
  h.write(type, 0, 'ascii');
  h.writeUInt32BE(8 + png.get(n).length, 4);
  return Buffer.concat([h, png.get(n)]);
});
const total = 8 + icns.reduce((s, b) => s + b.length, 0);
const icnsHeader = Buffer.alloc(8);
icnsHeader.write('icns', 0, 'ascii');
icnsHeader.writeUInt32BE(total, 4);
writeFileSync(join(dir, 'icon.icns'), Buffer.concat([icnsHeader, ...icns]));
console.log(`icons written to ${dir}`);
