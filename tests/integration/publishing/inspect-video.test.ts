import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectVideo } from '@/lib/publishing/inspect-video';
import { checkVideoFacts } from '@/lib/publishing/media-rules';
import { buildTestMp4 } from '@/tests/helpers/build-test-video';
import { createTestStorage, type TestStorage } from '@/tests/helpers/test-storage';

let store: TestStorage;
beforeAll(async () => {
  store = await createTestStorage('local');
});
afterAll(async () => {
  await store.close();
});

describe('inspectVideo reads the container from storage', () => {
  it('an MP4 with its moov: duration, dimensions, codec, frame rate', async () => {
    await store.storage.put(
      'v/a.mp4',
      buildTestMp4({ durationSeconds: 42.5, width: 720, height: 1280, fps: 30, totalBytes: 3_000_000 }),
    );
    const facts = await inspectVideo(store.storage, 'v/a.mp4');
    expect(facts).toMatchObject({
      container: 'mp4',
      sizeBytes: 3_000_000,
      durationSeconds: 42.5,
      width: 720,
      height: 1280,
      codec: 'avc',
    });
    expect(facts.fps).toBeCloseTo(30, 0);
    expect(checkVideoFacts(facts, { maxVideoPostDurationSec: 60 })).toEqual([]);
  });

  it('a video too long for the creator and too small is refused with both reasons', async () => {
    await store.storage.put('v/b.mp4', buildTestMp4({ durationSeconds: 301, width: 320, height: 240 }));
    const facts = await inspectVideo(store.storage, 'v/b.mp4');
    expect(checkVideoFacts(facts, { maxVideoPostDurationSec: 300 }).map((p) => p.code)).toEqual([
      'too_long',
      'picture_size',
    ]);
  });

  it('bytes that are not a video are reported, not thrown', async () => {
    await store.storage.put(
      'v/c.mp4',
      Buffer.from('this is a text file pretending to be a video'.repeat(100)),
    );
    const facts = await inspectVideo(store.storage, 'v/c.mp4');
    expect(facts.container).toBeNull();
    expect(checkVideoFacts(facts).map((p) => p.code)).toEqual(['unsupported_format']);
  });
});
