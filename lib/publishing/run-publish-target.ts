import 'server-only';
import type { Redis } from '@upstash/redis';
import type { Db } from '@/lib/db/types';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { nowMs } from '@/lib/time/clock';
import { failTarget } from './fail-target';
import { initTarget } from './init-target';
import { loadTarget } from './load-target';
import type { STATUS_SCHEDULE } from './status-schedule';
import { MAX_INITS, RESET_FOR_INIT, trackTargetStatus } from './track-target-status';
import { isFinalStage, updateTarget } from './update-target';
import { uploadTargetChunks } from './upload-target-chunks';

export type RunPublishTargetDeps = {
  db: Db;
  storage: ObjectStorage;
  redis?: Redis;
  signal?: AbortSignal;
  /** The job's snooze: ends this run and runs again after `delayMs`. */
  snooze: (delayMs: number, reason: string) => never;
  sliceMs?: number;
  /** How long a finished slice waits before the next (0: at once; tests hold it to inject faults). */
  sliceSnoozeMs?: number;
  chunkBytes?: number;
  schedule?: typeof STATUS_SCHEDULE;
};

/** An upload URL that keeps dying is re-initialised at most this often in all. */
const MAX_UPLOAD_INITS = 5;

/**
 * One run of a target's pipeline: init (once), upload the chunks (FILE_UPLOAD), then wait for the
 * outcome. Every step reads the target fresh, so a run after a crash, a retry or a webhook carries
 * on from what the database says, never from what this process remembers.
 */
export async function runPublishTarget(deps: RunPublishTargetDeps, targetId: string): Promise<string> {
  for (let step = 0; step < 20; step++) {
    const loaded = await loadTarget(deps.db, targetId);
    if (!loaded) return 'gone';
    const { target, post } = loaded;
    if (isFinalStage(target.stage)) return target.stage;
    if (post.status === 'cancelled' || post.status === 'draft') return 'not submitted';
    if (
      post.scheduledAt &&
      post.scheduledAt.getTime() > nowMs() &&
      !target.publishId &&
      !target.initStartedAt
    ) {
      deps.snooze(post.scheduledAt.getTime() - nowMs(), 'scheduled for later');
    }
    if (!target.publishId && target.stage !== 'init_unknown') {
      if (target.initCount >= MAX_UPLOAD_INITS) {
        await failTarget(deps.db, target, 'upload_failed', 'TikTok’s upload address kept expiring.');
        return 'failed';
      }
      const started = await initTarget(deps, loaded);
      if (!started) return 'failed';
      continue;
    }
    if (target.stage === 'uploading' || target.stage === 'queued' || target.stage === 'scheduled') {
      const outcome = await uploadTargetChunks(deps, loaded);
      if (outcome.kind === 'failed') return 'failed';
      if (outcome.kind === 'continue') deps.snooze(deps.sliceSnoozeMs ?? 0, 'uploading: next slice');
      if (outcome.kind === 'reinit') await updateTarget(deps.db, outcome.target, RESET_FOR_INIT);
      continue;
    }
    const outcome = await trackTargetStatus(deps, loaded);
    if (outcome.kind === 'done') return (await loadTarget(deps.db, targetId))?.target.stage ?? 'gone';
    if (outcome.kind === 'wait') deps.snooze(outcome.ms, 'waiting for TikTok');
    if (outcome.kind === 'reinit' && outcome.target.initCount >= MAX_INITS) return 'failed';
  }
  throw new Error(`publish target ${targetId} did not settle in one run`);
}
