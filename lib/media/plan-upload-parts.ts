import { MAX_PART_SIZE } from '@/lib/uploads/upload-protocol';

const MiB = 1024 * 1024;
/** S3's smallest part (except the last) is 5 MiB; 8 MiB keeps progress smooth and retries cheap. */
const DEFAULT_PART_SIZE = 8 * MiB;
const MAX_PARTS = 10_000;

export type UploadPlan = { partSize: number; partCount: number };

/** Parts of 8 MiB, larger (whole MiB) only when a file would need more than S3's 10,000 parts. */
export function planUploadParts(size: number): UploadPlan {
  const partSize = Math.max(DEFAULT_PART_SIZE, Math.ceil(size / MAX_PARTS / MiB) * MiB);
  if (partSize > MAX_PART_SIZE)
    throw new RangeError(`A ${size}-byte file needs parts over the ${MAX_PART_SIZE}-byte maximum.`);
  return { partSize, partCount: Math.max(1, Math.ceil(size / partSize)) };
}

/** The exact byte count of part `partNumber` (1-based): full parts, then the remainder. */
export function partLength(plan: UploadPlan, size: number, partNumber: number): number {
  if (partNumber < plan.partCount) return plan.partSize;
  return size - plan.partSize * (plan.partCount - 1);
}
