import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function fromPlaywrightCache(): string | null {
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH ?? path.join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(cache)) return null;
  for (const dir of readdirSync(cache)
    .filter((name) => name.startsWith('chromium'))
    .sort()
    .reverse()) {
    for (const bin of [
      'chrome-linux64/chrome',
      'chrome-linux/chrome',
      'chrome-linux/headless_shell',
      'chrome-headless-shell-linux64/chrome-headless-shell',
    ]) {
      const candidate = path.join(cache, dir, bin);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

function canInstallWithApt(): boolean {
  return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

/**
 * A Chromium for Playwright: CHROMIUM_PATH, Debian's package, or Playwright's cache. As root with
 * apt it installs Debian's `chromium`; otherwise it returns null and the caller explains.
 */
export function findChromium(): string | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : null;
  const found = SYSTEM_PATHS.find((candidate) => existsSync(candidate)) ?? fromPlaywrightCache();
  if (found) return found;
  if (!canInstallWithApt()) return null;
  console.log('[test] Chromium not found: installing Debian’s chromium package…');
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env: aptEnv });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: aptEnv });
  return SYSTEM_PATHS.find((candidate) => existsSync(candidate)) ?? null;
}
