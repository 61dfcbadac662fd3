import path from 'node:path';

export type Counts = { passed: number; failed: number; skipped: number };

type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: {
    name: string;
    status?: string;
    message?: string;
    assertionResults?: { fullName?: string; title: string; status: string }[];
  }[];
};

type PlaywrightSuite = {
  file?: string;
  specs?: { title: string; file?: string; line?: number; tests?: { status?: string }[] }[];
  suites?: PlaywrightSuite[];
};
type PlaywrightReport = {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites?: PlaywrightSuite[];
};

/**
 * Counts and the names of failed tests from Vitest's and Playwright's JSON reports. CI keeps only
 * the tail of a long log, so the names printed above the closing line are what says which test
 * broke; a file that failed to load (no assertions ran) is named too.
 */
export function summarizeReports(
  vitest: VitestReport | undefined,
  playwright: PlaywrightReport | undefined,
  root = process.cwd(),
): { counts: Counts; failures: string[] } {
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  const failures: string[] = [];
  if (vitest) {
    counts.passed += vitest.numPassedTests;
    counts.failed += vitest.numFailedTests;
    counts.skipped += vitest.numPendingTests + vitest.numTodoTests;
    for (const file of vitest.testResults ?? []) {
      const where = path.relative(root, file.name);
      const failed = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
      for (const test of failed) failures.push(`${where} › ${test.fullName ?? test.title}`);
      if (failed.length === 0 && file.status === 'failed') {
        failures.push(`${where} › ${firstLine(file.message) || 'the file failed to run'}`);
      }
    }
  }
  if (playwright) {
    const { stats } = playwright;
    counts.passed += stats.expected + stats.flaky;
    counts.failed += stats.unexpected;
    counts.skipped += stats.skipped;
    const visit = (suite: PlaywrightSuite) => {
      for (const spec of suite.specs ?? []) {
        if (spec.tests?.some((test) => test.status === 'unexpected')) {
          failures.push(`${spec.file ?? suite.file ?? ''}:${spec.line ?? 0} › ${spec.title}`);
        }
      }
      for (const child of suite.suites ?? []) visit(child);
    };
    for (const suite of playwright.suites ?? []) visit(suite);
  }
  return { counts, failures };
}

function firstLine(text: string | undefined): string {
  return (text ?? '').trim().split('\n')[0] ?? '';
}
