import { describe, expect, it } from 'vitest';
import { checkPhotoSet, checkVideoFacts, type VideoFacts } from './media-rules';

const GOOD: VideoFacts = {
  container: 'mp4',
  sizeBytes: 10_000_000,
  durationSeconds: 30,
  width: 1080,
  height: 1920,
  codec: 'avc',
  fps: 30,
};

describe('checkVideoFacts', () => {
  it.each([
    ['a phone export', {}, undefined, []],
    ['MOV H.265', { container: 'mov', codec: 'hevc' }, undefined, []],
    ['WebM VP9', { container: 'webm', codec: 'vp9' }, undefined, []],
    ['an AVI', { container: 'avi' }, undefined, ['unsupported_format']],
    ['AV1', { codec: 'av1' }, undefined, ['unsupported_codec']],
    ['over 4 GB', { sizeBytes: 4_000_000_001 }, undefined, ['too_large']],
    ['11 minutes', { durationSeconds: 660 }, undefined, ['too_long']],
    [
      'over the creator’s 3 minutes',
      { durationSeconds: 181 },
      { maxVideoPostDurationSec: 180 },
      ['too_long'],
    ],
    ['exactly the creator’s limit', { durationSeconds: 180 }, { maxVideoPostDurationSec: 180 }, []],
    ['359 px wide', { width: 359, height: 640 }, undefined, ['picture_size']],
    ['360 px wide', { width: 360, height: 640 }, undefined, []],
    ['4097 px tall', { width: 2160, height: 4097 }, undefined, ['picture_size']],
    ['no video track', { width: null, height: null }, undefined, ['no_video_track']],
    ['15 fps', { fps: 15 }, undefined, ['frame_rate']],
    ['unknown duration', { durationSeconds: null }, undefined, ['no_duration']],
  ] as const)('%s', (_name, patch, creator, codes) => {
    const problems = checkVideoFacts({ ...GOOD, ...patch }, creator);
    expect(problems.map((p) => p.code)).toEqual(codes);
    for (const problem of problems) expect(problem.message).not.toMatch(/_/);
  });

  it('says the creator’s limit in words', () => {
    const [problem] = checkVideoFacts({ ...GOOD, durationSeconds: 200 }, { maxVideoPostDurationSec: 180 });
    expect(problem?.message).toBe('The video is 3 min 20 s long; this account allows at most 3 min.');
  });
});

describe('checkPhotoSet', () => {
  const jpeg = { contentType: 'image/jpeg', sizeBytes: 1_000_000 };
  it.each([
    ['one JPEG', [jpeg], []],
    ['35 photos', Array(35).fill(jpeg), []],
    ['36 photos', Array(36).fill(jpeg), ['photo_count']],
    ['none', [], ['photo_count']],
    ['a PNG (converted)', [{ contentType: 'image/png', sizeBytes: 1000 }], []],
    ['a GIF', [{ contentType: 'image/gif', sizeBytes: 1000 }], ['photo_type']],
    ['21 MB', [{ contentType: 'image/webp', sizeBytes: 21_000_000 }], ['photo_size']],
  ])('%s', (_name, photos, codes) => {
    expect(checkPhotoSet(photos).map((p) => p.code)).toEqual(codes);
  });
});
