import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DIR = join(tmpdir(), 'tokdesk-sandbox-media');

/** A temp path for a publish task's bytes; uploads can be 4 GB, so they live on disk, not in memory. */
export function tempMediaPath(publishId: string, index = 0): string {
  mkdirSync(DIR, { recursive: true });
  return join(DIR, `${publishId.replace(/[^\w.-]/g, '_')}-${index}.bin`);
}
