import { defineConfig, devices } from '@playwright/test';
import { E2E } from './tests/e2e/support/e2e-config';

const isCI = Boolean(process.env.CI);

// Debian's Chromium, never a downloaded browser: our machines cannot download one.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // A subfolder: Playwright empties its output folder, and npm test keeps its Vitest report beside it.
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  // A flow signs up and in several times, each a deliberately slow scrypt hash (N=2^17): on a busy
  // 2-core machine that alone can take most of a minute. Timeouts catch hangs; they do not measure speed.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: isCI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: E2E.appUrl,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    reducedMotion: 'reduce',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: 'node --import tsx tests/e2e/support/e2e-stack.ts',
    url: `${E2E.appUrl}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
});
