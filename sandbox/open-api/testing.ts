import { request } from 'node:http';
import type { RunningSandbox } from '../server';

export type RawResponse = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
};

/** A PUT with exactly the headers given (fetch would fix Content-Length for us). */
export function putRaw(url: string, headers: Record<string, string>, body: Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function putChunk(uploadUrl: string, bytes: Buffer, first: number, last: number, type = 'video/mp4') {
  const chunk = bytes.subarray(first, last + 1);
  return putRaw(
    uploadUrl,
    {
      'content-type': type,
      'content-length': String(chunk.length),
      'content-range': `bytes ${first}-${last}/${bytes.length}`,
    },
    chunk,
  );
}

/** Uploads `bytes` in TikTok's chunk layout; returns each chunk's status. */
export async function uploadAll(uploadUrl: string, bytes: Buffer, chunkSize: number, type = 'video/mp4') {
  const count = Math.max(1, Math.floor(bytes.length / chunkSize));
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const first = i * chunkSize;
    const last = i === count - 1 ? bytes.length - 1 : first + chunkSize - 1;
    statuses.push((await putChunk(uploadUrl, bytes, first, last, type)).status);
  }
  return statuses;
}

export type PostView = {
  publishId: string;
  status: string;
  failReason: string | null;
  postIds: string[];
  publiclyAvailable: boolean;
  privacyLevel: string | null;
  downloadedBytes: number;
  uploadedBytes: number;
};

export async function getPost(sandbox: RunningSandbox, publishId: string): Promise<PostView> {
  const response = await fetch(`${sandbox.url}/_sandbox/posts/${encodeURIComponent(publishId)}`);
  return ((await response.json()) as { post: PostView }).post;
}

/** Polls the control API (not status/fetch, which is rate limited) until the post matches. */
export async function waitForPost(
  sandbox: RunningSandbox,
  publishId: string,
  predicate: (post: PostView) => boolean,
  timeoutMs = 5000,
): Promise<PostView> {
  const started = Date.now();
  for (;;) {
    const post = await getPost(sandbox, publishId);
    if (predicate(post)) return post;
    if (Date.now() - started > timeoutMs)
      throw new Error(`post ${publishId} stuck at ${JSON.stringify(post)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** `source_info` for a FILE_UPLOAD init. */
export const fileSource = (video_size: number, chunk_size: number, total_chunk_count: number) => ({
  source: 'FILE_UPLOAD',
  video_size,
  chunk_size,
  total_chunk_count,
});
