import { describe, expect, it } from 'vitest';
import { summarizeReports } from './summarize-reports';

const vitest = {
  numPassedTests: 3,
  numFailedTests: 1,
  numPendingTests: 1,
  numTodoTests: 0,
  testResults: [
    {
      name: '/repo/tests/integration/jobs/kick.test.ts',
      status: 'failed',
      assertionResults: [
        { title: 'joins', fullName: 'kick joins', status: 'passed' },
        { title: 'late kick', fullName: 'kick late kick', status: 'failed' },
      ],
    },
    {
      name: '/repo/lib/env.test.ts',
      status: 'failed',
      message: 'Failed to load url ./missing\n    at stack',
      assertionResults: [],
    },
    { name: '/repo/lib/ok.test.ts', status: 'passed', assertionResults: [] },
  ],
};

const playwright = {
  stats: { expected: 2, unexpected: 1, flaky: 1, skipped: 0 },
  suites: [
    {
      title: 'inbox.spec.ts',
      file: 'inbox/inbox.spec.ts',
      specs: [
        {
          title: 'a DM shows up live',
          file: 'inbox/inbox.spec.ts',
          line: 54,
          tests: [{ status: 'unexpected' }],
        },
      ],
      suites: [
        {
          title: 'nested',
          specs: [
            {
              title: 'retried and passed',
              file: 'inbox/inbox.spec.ts',
              line: 90,
              tests: [{ status: 'flaky' }],
            },
          ],
        },
      ],
    },
  ],
};

describe('summarizeReports', () => {
  it('adds both runners’ counts, a flaky test counting as passed', () => {
    expect(summarizeReports(vitest, playwright, '/repo').counts).toEqual({
      passed: 6,
      failed: 2,
      skipped: 1,
    });
  });

  it('names each failed test with its file, and a file that failed to load by its error', () => {
    expect(summarizeReports(vitest, playwright, '/repo').failures).toEqual([
      'tests/integration/jobs/kick.test.ts › kick late kick',
      'lib/env.test.ts › Failed to load url ./missing',
      'inbox/inbox.spec.ts:54 › a DM shows up live',
    ]);
  });

  it('counts nothing for a runner that left no report', () => {
    expect(summarizeReports(undefined, undefined)).toEqual({
      counts: { passed: 0, failed: 0, skipped: 0 },
      failures: [],
    });
  });
});
