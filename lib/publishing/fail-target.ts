import 'server-only';
import type { PostTarget } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { now } from '@/lib/time/clock';
import { describeFailReason } from './fail-reasons';
import { updateTarget } from './update-target';

/** Ends a target as failed with TikTok's (or our) reason and the sentence people read. */
export function failTarget(db: Db, target: PostTarget, reason: string, detail?: string) {
  const info = describeFailReason(reason);
  return updateTarget(db, target, {
    stage: 'failed',
    failReason: info.reason,
    failMessage: detail ? `${info.message} ${detail}` : info.message,
    uploadUrl: null,
    finishedAt: now(),
  });
}
