import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { LOGO_GLYPH_PATH } from '../components/logo';
import { findChromium } from './support/find-chromium';

/**
 * `npm run icons`: writes public/icon.svg from the logo's glyph, then renders the PNG sizes and
 * favicon.ico from it with Chromium (the browser the tests already need, so no image toolchain).
 * The outputs are committed; run this again only when the logo changes.
 */
const PUBLIC = path.resolve(import.meta.dirname, '..', 'public');
const BRAND = '#d21b79'; // brand-600, oklch(0.57 0.22 357)

/** Rounded tile like the in-app logo. `bleed`: a square tile with a smaller glyph, for platforms that
 * crop icons themselves (iOS home screen, Android maskable icons keep only a central circle). */
function iconSvg(bleed: boolean): string {
  const tile = bleed
    ? `<rect width="32" height="32" fill="${BRAND}"/>`
    : `<rect width="32" height="32" rx="7" fill="${BRAND}"/>`;
  // The glyph's box is x 5–21, y 3–21 of 24: both transforms centre it on the tile.
  const glyph = bleed ? 'translate(5.6 6.4) scale(0.8)' : 'translate(5.17 6) scale(0.8333)';
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">',
    '<title>Tokdesk</title>',
    tile,
    `<path transform="${glyph}" fill="#fff" d="${LOGO_GLYPH_PATH}"/>`,
    '</svg>',
    '',
  ].join('\n');
}

/** An .ico holding PNG images (supported by every browser since IE Vista). */
function icoFromPngs(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

const executablePath = findChromium();
if (!executablePath) throw new Error('Chromium is needed to render the icons (set CHROMIUM_PATH).');

const rounded = iconSvg(false);
const bleed = iconSvg(true);
writeFileSync(path.join(PUBLIC, 'icon.svg'), rounded);

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const page = await browser.newPage({ deviceScaleFactor: 1 });
async function render(svg: string, size: number): Promise<Buffer> {
  await page.setViewportSize({ width: size, height: size });
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setContent(
    `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
  );
  await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

const outputs: [string, string, number][] = [
  ['icon-192.png', rounded, 192],
  ['icon-512.png', rounded, 512],
  ['icon-maskable-512.png', bleed, 512],
  ['apple-touch-icon.png', bleed, 180],
];
for (const [file, svg, size] of outputs) writeFileSync(path.join(PUBLIC, file), await render(svg, size));
const favicon = [];
for (const size of [16, 32, 48]) favicon.push({ size, png: await render(rounded, size) });
writeFileSync(path.join(PUBLIC, 'favicon.ico'), icoFromPngs(favicon));
await browser.close();

console.log(`Wrote icon.svg, ${outputs.map(([file]) => file).join(', ')} and favicon.ico to public/.`);
