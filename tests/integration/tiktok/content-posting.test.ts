import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTryLaterError, TryLaterError } from '@/lib/errors/try-later-error';
import { cancelPublish } from '@/lib/tiktok/content-posting/cancel-publish';
import { fetchPublishStatus } from '@/lib/tiktok/content-posting/fetch-publish-status';
import { initInboxVideo } from '@/lib/tiktok/content-posting/init-inbox-video';
import { initPhotoPost } from '@/lib/tiktok/content-posting/init-photo-post';
import { initVideoPost, type VideoPostInfo } from '@/lib/tiktok/content-posting/init-video-post';
import { queryCreatorInfo } from '@/lib/tiktok/content-posting/query-creator-info';
import { UploadChunkError, uploadVideoChunk } from '@/lib/tiktok/content-posting/upload-video-chunk';
import { listVideos } from '@/lib/tiktok/display/list-videos';
import { queryVideos } from '@/lib/tiktok/display/query-videos';
import { isTikTokApiError, TikTokApiError } from '@/lib/tiktok/http/tiktok-api-error';
import { connectCreator, createUser } from '@/sandbox/login-kit/testing';
import { buildMp4 } from '@/sandbox/open-api/sample-media';
import { waitForPost } from '@/sandbox/open-api/testing';
import { startTikTokStack, type TikTokStack } from '@/tests/helpers/tiktok-stack';

let stack: TikTokStack;
beforeAll(async () => {
  stack = await startTikTokStack();
});
afterAll(async () => {
  await stack.close();
});

const MB = 1_000_000;
const PUBLIC_POST: VideoPostInfo = {
  privacyLevel: 'PUBLIC_TO_EVERYONE',
  title: 'Launch day #tokdesk',
  brandContentToggle: false,
  brandOrganicToggle: false,
};

/** A creator connected through the sandbox's Login Kit; each test gets its own token (and buckets). */
async function creatorToken(flags: Record<string, unknown> = {}) {
  const user = await createUser(stack.sandbox, { privacy: 'public' });
  await fetch(`${stack.sandbox.url}/_sandbox/users/${user.id}/flags`, {
    method: 'POST',
    body: JSON.stringify(flags),
  });
  const { tokens } = await connectCreator(stack.sandbox, { user });
  return tokens.access_token;
}

const sampleUrl = (name: string) => `${stack.sandbox.url}/_sandbox/media/${name}`;

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('content posting client against the sandbox', () => {
  it('creator_info: nickname and options; a creator who cannot post is an error despite HTTP 200', async () => {
    const info = await queryCreatorInfo({ accessToken: await creatorToken() });
    expect(info.nickname).toBeTruthy();
    expect(info.privacyLevelOptions).toEqual(['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY']);
    expect(typeof info.commentDisabled).toBe('boolean');
    expect(info.maxVideoPostDurationSec).toBeGreaterThan(0);

    const banned = await caught(
      queryCreatorInfo({ accessToken: await creatorToken({ bannedFromPosting: true }) }),
    );
    expect(banned).toBeInstanceOf(TikTokApiError);
    expect(banned).toMatchObject({
      status: 200,
      code: 'spam_risk_user_banned_from_posting',
      retryable: false,
    });
    expect((banned as TikTokApiError).logId).toMatch(/^\d{14}[0-9A-F]+$/);
  });

  it('FILE_UPLOAD direct post in two streamed chunks, then the 19-digit post id from status and video/list', async () => {
    const accessToken = await creatorToken();
    const video = buildMp4({ durationSeconds: 12, totalBytes: 11 * MB });
    const chunkSize = 5 * MB;
    const init = await initVideoPost({
      accessToken,
      postInfo: PUBLIC_POST,
      source: { source: 'FILE_UPLOAD', videoSize: video.length, chunkSize, totalChunkCount: 2 },
    });
    expect(init.publishId).toMatch(/^v_pub_file~/);
    expect(init.uploadUrl).toBeTruthy();
    const chunks = [
      [0, chunkSize - 1],
      [chunkSize, video.length - 1],
    ] as const;
    const results = [];
    for (const [first, last] of chunks) {
      results.push(
        await uploadVideoChunk({
          uploadUrl: init.uploadUrl ?? '',
          body: Readable.from(video.subarray(first, last + 1), { objectMode: false }),
          firstByte: first,
          lastByte: last,
          totalBytes: video.length,
          contentType: 'video/mp4',
        }),
      );
    }
    expect(results).toEqual([
      { complete: false, receivedBytes: chunkSize },
      { complete: true, receivedBytes: video.length },
    ]);

    await waitForPost(stack.sandbox, init.publishId, (post) => post.publiclyAvailable);
    const status = await fetchPublishStatus({ accessToken, publishId: init.publishId });
    expect(status.status).toBe('PUBLISH_COMPLETE');
    expect(status.failReason).toBeNull();
    expect(status.uploadedBytes).toBe(video.length);
    // The sandbox writes post ids as bare 19-digit JSON numbers, beyond 2^53: every digit survives.
    const [postId] = status.publiclyAvailablePostIds;
    expect(postId).toMatch(/^\d{19}$/);
    expect(BigInt(postId ?? 0)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    const sandboxPost = await waitForPost(stack.sandbox, init.publishId, () => true);
    expect(postId).toBe(sandboxPost.postIds[0]);

    const page = await listVideos({ accessToken });
    const listed = page.videos.find((candidate) => candidate.id === postId);
    expect(listed?.title).toBe(PUBLIC_POST.title);
    expect(listed?.createdAt).toBeInstanceOf(Date);
    expect(typeof listed?.viewCount).toBe('number');
    const [queried] = await queryVideos({ accessToken, videoIds: [postId ?? ''] });
    expect(queried?.id).toBe(postId);
  });

  it('upload errors: 416 out of order, 403 once the upload URL is older than an hour', async () => {
    const accessToken = await creatorToken();
    const video = buildMp4({ durationSeconds: 5, totalBytes: 11 * MB });
    const init = await initVideoPost({
      accessToken,
      postInfo: { ...PUBLIC_POST, privacyLevel: 'SELF_ONLY' },
      source: { source: 'FILE_UPLOAD', videoSize: video.length, chunkSize: 5 * MB, totalChunkCount: 2 },
    });
    const second = (first: number) =>
      uploadVideoChunk({
        uploadUrl: init.uploadUrl ?? '',
        body: Readable.from(video.subarray(first)),
        firstByte: first,
        lastByte: video.length - 1,
        totalBytes: video.length,
        contentType: 'video/mp4',
      });
    const outOfOrder = await caught(second(5 * MB));
    expect(outOfOrder).toBeInstanceOf(UploadChunkError);
    expect(outOfOrder).toMatchObject({ status: 416, code: 'upload_range_mismatch', retryable: false });

    await fetch(`${stack.sandbox.url}/_sandbox/time-travel`, { method: 'POST', body: '{"seconds":3601}' });
    try {
      const expired = await caught(second(5 * MB));
      expect(expired).toMatchObject({ status: 403, code: 'upload_url_expired' });
      // The message names the path only: the upload URL's query string is a credential.
      expect((expired as Error).message).not.toContain('upload_token');
    } finally {
      await fetch(`${stack.sandbox.url}/_sandbox/time-travel`, { method: 'POST', body: '{"seconds":-3601}' });
    }
  });

  it('PULL_FROM_URL, inbox drafts and photo posts; cancel of a finished publish is refused', async () => {
    const accessToken = await creatorToken();
    const pulled = await initVideoPost({
      accessToken,
      postInfo: { ...PUBLIC_POST, privacyLevel: 'SELF_ONLY', isAigc: true },
      source: { source: 'PULL_FROM_URL', videoUrl: sampleUrl('sample.mp4') },
    });
    expect(pulled).toMatchObject({ publishId: expect.stringMatching(/^v_pub_url~/), uploadUrl: null });

    const inbox = await initInboxVideo({
      accessToken,
      source: { source: 'PULL_FROM_URL', videoUrl: sampleUrl('sample.mp4') },
    });
    await waitForPost(stack.sandbox, inbox.publishId, (post) => post.status === 'SEND_TO_USER_INBOX');
    expect((await fetchPublishStatus({ accessToken, publishId: inbox.publishId })).status).toBe(
      'SEND_TO_USER_INBOX',
    );

    const photo = await initPhotoPost({
      accessToken,
      postMode: 'DIRECT_POST',
      postInfo: {
        title: 'Two photos',
        description: 'From the sandbox',
        privacyLevel: 'SELF_ONLY',
        brandContentToggle: false,
        brandOrganicToggle: true,
      },
      photoUrls: [sampleUrl('sample.jpeg'), sampleUrl('sample.jpeg')],
      coverIndex: 1,
    });
    expect(photo.publishId).toMatch(/^p_pub_url~/);
    await waitForPost(stack.sandbox, photo.publishId, (post) => post.status === 'PUBLISH_COMPLETE');

    const notCancellable = await caught(cancelPublish({ accessToken, publishId: photo.publishId }));
    expect(notCancellable).toMatchObject({ status: 400, code: 'publish_not_cancellable' });
  });

  it('retries reads, never an init: a 5xx on init is reported as an unknown outcome after one attempt', async () => {
    const accessToken = await creatorToken();
    await stack.clearRequests();
    await stack.addFault({ endpoint: 'open-api.creator-info', status: 500, count: 1 });
    await expect(queryCreatorInfo({ accessToken })).resolves.toMatchObject({ nickname: expect.any(String) });
    expect(await stack.requestCount('open-api.creator-info')).toBe(2);

    await stack.addFault({ endpoint: 'open-api.video.init', status: 500, count: 1 });
    const failed = await caught(
      initVideoPost({
        accessToken,
        postInfo: PUBLIC_POST,
        source: { source: 'PULL_FROM_URL', videoUrl: sampleUrl('sample.mp4') },
      }),
    );
    expect(isTikTokApiError(failed) && failed.outcomeUnknown).toBe(true);
    expect(await stack.requestCount('open-api.video.init')).toBe(1);
  });

  it('paces per token: the seventh init in a minute waits or snoozes instead of meeting a 429', async () => {
    const accessToken = await creatorToken();
    await stack.clearRequests();
    const pull = () =>
      initVideoPost({
        accessToken,
        postInfo: { ...PUBLIC_POST, privacyLevel: 'SELF_ONLY' },
        source: { source: 'PULL_FROM_URL', videoUrl: sampleUrl('sample.mp4') },
      });
    for (let i = 0; i < 6; i++) await pull();
    const seventh = await caught(pull());
    expect(seventh).toBeInstanceOf(TryLaterError);
    expect((seventh as TryLaterError).delayMs).toBeGreaterThan(50_000);
    // Refused here, before TikTok: the sandbox saw six inits and answered no 429.
    expect(await stack.requestCount('open-api.video.init')).toBe(6);
  });

  it('a 429 from TikTok becomes TryLaterError and slows that bucket down', async () => {
    const accessToken = await creatorToken();
    const publish = await initVideoPost({
      accessToken,
      postInfo: { ...PUBLIC_POST, privacyLevel: 'SELF_ONLY' },
      source: { source: 'PULL_FROM_URL', videoUrl: sampleUrl('sample.mp4') },
    });
    await stack.clearRequests();
    await stack.addFault({
      endpoint: 'open-api.status.fetch',
      status: 429,
      errorCode: 'rate_limit_exceeded',
      count: 1,
    });
    const limited = await caught(fetchPublishStatus({ accessToken, publishId: publish.publishId }));
    expect(isTryLaterError(limited)).toBe(true);
    // status/fetch is 30 a minute; halved to 15, the next slot is a fifteenth of a minute away.
    expect((limited as TryLaterError).delayMs).toBeGreaterThanOrEqual(4000);
    expect(isTikTokApiError((limited as TryLaterError).cause)).toBe(true);
    // Not retried into the 429, and the next call waits for the slowed bucket instead of going out.
    const next = await caught(fetchPublishStatus({ accessToken, publishId: publish.publishId }));
    expect(isTryLaterError(next)).toBe(true);
    expect(await stack.requestCount('open-api.status.fetch')).toBe(1);
  });
});
