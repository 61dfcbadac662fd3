// A second instance of the app for the pacing test: a separate Node process with its own module
// state, sharing only Redis (through the Upstash endpoint) and the sandbox with the test process.
import { createInterface } from 'node:readline';
import { hammerAdvertiserInfo } from './hammer';

const input = JSON.parse(process.env.HAMMER_INPUT ?? '{}') as Parameters<typeof hammerAdvertiserInfo>[0];
const lines = createInterface({ input: process.stdin });
// One call first, through the limiter like the rest: loads and warms the code paths, so the timed
// part is not a cold start.
await hammerAdvertiserInfo({ ...input, durationMs: 1, concurrency: 1 });
process.stdout.write('ready\n');
lines.once('line', async () => {
  const result = await hammerAdvertiserInfo(input);
  process.stdout.write(`result ${JSON.stringify(result)}\n`);
  lines.close();
});
