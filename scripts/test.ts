import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { buildIsFresh } from './support/build-is-fresh';
import { findChromium } from './support/find-chromium';
import { runPackageBin } from './support/run-command';

/**
 * `npm test`: Vitest (unit, integration, sandbox contracts), then Playwright end to end against
 * `next build` + `next start`. Ends with one line of combined counts.
 */
const chromium = findChromium();
if (!chromium) {
  console.error(
    'npm test needs Chromium: install Debian’s package (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.',
  );
  process.exit(1);
}

mkdirSync('test-results', { recursive: true });
const vitestReport = 'test-results/vitest.json';
const playwrightReport = 'test-results/playwright.json';

const vitestCode = await runPackageBin('vitest', [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);

let buildCode = 0;
if (!buildIsFresh()) {
  console.log('\n[test] building the app for end-to-end tests (next build)…');
  buildCode = await runPackageBin('next', ['build'], {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
  });
}
const playwrightCode =
  buildCode === 0
    ? await runPackageBin(
        '@playwright/test',
        ['test', '--reporter=list,json'],
        {
          ...process.env,
          CHROMIUM_PATH: chromium,
          PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
        },
        'playwright',
      )
    : 1;

type Counts = { passed: number; failed: number; skipped: number };
const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  counts.passed += report.numPassedTests;
  counts.failed += report.numFailedTests;
  counts.skipped += report.numPendingTests + report.numTodoTests;
}
if (buildCode === 0 && existsSync(playwrightReport)) {
  const { stats } = JSON.parse(readFileSync(playwrightReport, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  counts.passed += stats.expected + stats.flaky;
  counts.failed += stats.unexpected;
  counts.skipped += stats.skipped;
}
const failedRuns = [vitestCode, buildCode, playwrightCode].filter((code) => code !== 0).length;
// A run that crashed before reporting still fails the line, even with zero failed tests counted.
if (failedRuns > 0 && counts.failed === 0) counts.failed = failedRuns;
console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failedRuns > 0 ? 1 : 0);
