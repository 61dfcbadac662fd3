import { type MultipartPart, MultipartUploadError } from './object-storage';

export function assertPartNumber(partNumber: number): void {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) {
    throw new MultipartUploadError('Part numbers run from 1 to 10,000.', 'invalid_part');
  }
}

/** Parts in ascending order, each number once, as S3's CompleteMultipartUpload demands. */
export function checkedPartOrder(parts: MultipartPart[]): MultipartPart[] {
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  if (sorted.length === 0)
    throw new MultipartUploadError('An upload needs at least one part.', 'invalid_part');
  sorted.forEach((part, index) => {
    assertPartNumber(part.partNumber);
    if (index > 0 && sorted[index - 1]!.partNumber === part.partNumber) {
      throw new MultipartUploadError(`Part ${part.partNumber} is listed twice.`, 'invalid_part');
    }
  });
  return sorted;
}
