import { parseArgs } from 'node:util';
import { createDb } from '../../lib/db/create-db';
import { markAccountNeedsReconnect } from '../../lib/tokens/mark-account-needs-reconnect';

/**
 * The other process of `npm run bench -- live`: commits one real change per account (active →
 * needs reconnecting, which publishes `account.status_changed` in its transaction), `concurrency`
 * at a time at a fixed overall rate, and reports each commit's wall-clock time to the parent.
 */
const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    rate: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '4' },
  },
});
const ids = await new Promise<string[]>((resolve) => process.once('message', (m) => resolve(m as string[])));
const handle = await createDb({ url: values.url, maxConnections: Number(values.concurrency) + 1 });
const rate = Number(values.rate);
const started = performance.now();
let next = 0;

async function worker() {
  for (;;) {
    const i = next++;
    const accountId = ids[i];
    if (accountId === undefined) return;
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    await markAccountNeedsReconnect(handle.db, { accountId, reason: 'refresh_token_invalid' });
    process.send?.({ i, accountId, committedAt: Date.now() });
  }
}
await Promise.all(Array.from({ length: Number(values.concurrency) }, worker));
await handle.close();
process.send?.({ done: true });
process.disconnect?.();
