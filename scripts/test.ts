import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { buildIsFresh } from './support/build-is-fresh';
import { findChromium } from './support/find-chromium';
import { runPackageBin } from './support/run-command';
import { summarizeReports } from './support/summarize-reports';

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
// A runner that dies before reporting must not leave an earlier run's report to be counted.
for (const report of [vitestReport, playwrightReport]) rmSync(report, { force: true });

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

const readReport = (file: string) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
const { counts, failures } = summarizeReports(
  readReport(vitestReport),
  buildCode === 0 ? readReport(playwrightReport) : undefined,
);
if (failures.length > 0) {
  console.log(`\nFailed:\n${failures.map((name) => `  ✗ ${name}`).join('\n')}`);
}
const failedRuns = [vitestCode, buildCode, playwrightCode].filter((code) => code !== 0).length;
// A run that crashed before reporting still fails the line, even with zero failed tests counted.
if (failedRuns > 0 && counts.failed === 0) counts.failed = failedRuns;
console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failedRuns > 0 ? 1 : 0);
