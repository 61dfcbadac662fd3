import { type BrowserUploadPurpose, checkMediaFile } from './media-purposes';
import { defaultTransport, type PartTransport } from './part-transport';
import { defaultResumeStore, type ResumeStore, uploadFingerprint } from './resume-store';
import { backoffDelay, isRetryable, sleep, throwIfAborted, withRetries } from './retry';
import { createUploadApi, type UploadApi } from './upload-api';
import { UploadError } from './upload-error';
import { createProgressTracker, type UploadProgress } from './upload-progress';
import {
  MAX_PART_URLS_PER_REQUEST,
  type PartTarget,
  type UploadedMedia,
  type UploadSession,
} from './upload-protocol';

/** A browser `File`, or any Blob with a name and a date (tests). */
export type UploadableFile = Blob & { name: string; lastModified: number };

export type UploadFileOptions = {
  purpose: BrowserUploadPurpose;
  /** The workspace to upload into; default the one the app has selected. */
  workspaceId?: string;
  /** Aborting pauses: parts already stored are kept, and uploading the same file again resumes. */
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
  /** Called once the server session is known (new or resumed). */
  onSession?: (session: UploadSession) => void;
  /** Parts in flight at once (default 3). */
  concurrency?: number;
  /** Retries per part and per API call, with exponential backoff and jitter (default 5). */
  retries?: number;
  retryDelayMs?: (attempt: number) => number;
  /** Where unfinished uploads are remembered (default localStorage). `null` disables resuming. */
  resumeStore?: ResumeStore | null;
  baseUrl?: string;
  fetch?: typeof fetch;
  /** How part bytes travel (default XMLHttpRequest for progress, fetch where there is none). */
  transport?: PartTransport;
};

/** Refresh part URLs that would expire within this margin before using them. */
const URL_MARGIN_MS = 60_000;

/**
 * Uploads one file through the upload protocol (upload-protocol.ts): straight to the bucket with
 * presigned URLs on S3, through the app's streaming part route otherwise. Resumes an unfinished
 * upload of the same file, retries each part with backoff, reports real progress, and resolves
 * with the stored media once the server has verified it.
 */
export async function uploadFile(file: UploadableFile, options: UploadFileOptions): Promise<UploadedMedia> {
  const problem = checkMediaFile(options.purpose, { size: file.size, contentType: file.type });
  if (problem) throw new UploadError('rejected', problem.message);
  const { signal } = options;
  const api = createUploadApi({ ...options });
  const recorder = createUploadApi({ ...options, signal: undefined });
  const store = options.resumeStore === undefined ? defaultResumeStore() : options.resumeStore;
  const fingerprint = uploadFingerprint(file, options);
  const retries = options.retries ?? 5;
  const retry = <T>(attempt: (n: number) => Promise<T>) =>
    withRetries(attempt, { retries, signal, delayMs: options.retryDelayMs });

  let session = await resumeSession(api, store?.get(fingerprint)?.uploadId, retry);
  if (!session) {
    session = await retry(() =>
      api.create({ purpose: options.purpose, fileName: file.name, contentType: file.type, size: file.size }),
    );
  }
  options.onSession?.(session);
  if (session.status === 'ready') return finish(api, store, fingerprint, session.id, retry);
  const remember = (done: number[]) =>
    store?.set(fingerprint, { uploadId: session.id, expiresAt: session.expiresAt, completedParts: done });
  const completed = new Map(session.parts.map((part) => [part.partNumber, part.etag]));
  remember([...completed.keys()]);

  const partSize = (partNumber: number) =>
    partNumber < session.partCount
      ? session.partSize
      : file.size - session.partSize * (session.partCount - 1);
  const pending: number[] = [];
  for (let partNumber = 1; partNumber <= session.partCount; partNumber++) {
    if (!completed.has(partNumber)) pending.push(partNumber);
  }

  // Progress: stored parts plus what is in flight.
  const tracker = createProgressTracker(file.size);
  const inFlight = new Map<number, number>();
  let storedBytes = [...completed.keys()].reduce((sum, partNumber) => sum + partSize(partNumber), 0);
  const report = () => {
    let loaded = storedBytes;
    for (const bytes of inFlight.values()) loaded += bytes;
    options.onProgress?.(tracker.update(Math.min(loaded, file.size)));
  };
  report();

  const targets = new Map<number, PartTarget>();
  const targetFor = async (partNumber: number, refresh: boolean) => {
    const cached = targets.get(partNumber);
    if (!refresh && cached && Date.parse(cached.expiresAt) - Date.now() > URL_MARGIN_MS) return cached;
    // Ask for this part and the next few waiting ones in one call.
    const batch = [partNumber, ...pending.filter((n) => n !== partNumber)].slice(
      0,
      MAX_PART_URLS_PER_REQUEST / 5,
    );
    for (const target of await retry(() => api.partUrls(session.id, batch)))
      targets.set(target.partNumber, target);
    return targets.get(partNumber)!;
  };

  const transport = options.transport ?? defaultTransport(options.fetch);
  // One failure stops the other workers: no point sending parts of an upload that cannot finish.
  const stop = new AbortController();
  const partSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;

  const sendPart = async (partNumber: number) => {
    const start = (partNumber - 1) * session.partSize;
    const body = file.slice(start, start + partSize(partNumber));
    let etag: string | null = null;
    let refresh = false;
    for (let attempt = 0; etag === null; attempt++) {
      throwIfAborted(partSignal);
      try {
        const target = await targetFor(partNumber, refresh);
        inFlight.set(partNumber, 0);
        ({ etag } = await transport({
          url: api.resolve(target.url),
          method: target.method,
          headers: target.headers,
          body,
          signal: partSignal,
          onProgress: (sent) => {
            inFlight.set(partNumber, Math.min(sent, body.size));
            report();
          },
        }));
      } catch (error) {
        inFlight.delete(partNumber);
        report();
        // A presigned URL that expired answers 403: one immediate retry with a fresh URL.
        if (error instanceof UploadError && error.status === 403 && !refresh) {
          refresh = true;
          continue;
        }
        if (attempt >= retries || !isRetryable(error) || partSignal.aborted) throw error;
        refresh = false;
        await sleep((options.retryDelayMs ?? backoffDelay)(attempt), partSignal);
      }
    }
    // Recorded even when a pause comes meanwhile: the bucket has the part, the server must know.
    if (session.transport === 'bucket') {
      await withRetries(() => recorder.recordPart(session.id, { partNumber, etag }), {
        retries,
        delayMs: options.retryDelayMs,
      });
    }
    inFlight.delete(partNumber);
    completed.set(partNumber, etag);
    storedBytes += body.size;
    remember([...completed.keys()]);
    report();
  };

  const queue = [...pending];
  const worker = async () => {
    for (let partNumber = queue.shift(); partNumber !== undefined; partNumber = queue.shift()) {
      throwIfAborted(partSignal);
      await sendPart(partNumber);
    }
  };
  const workerCount = Math.max(1, Math.min(options.concurrency ?? 3, pending.length));
  const results = await Promise.allSettled(
    Array.from({ length: workerCount }, () =>
      worker().catch((error: unknown) => {
        stop.abort();
        throw error;
      }),
    ),
  );
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) {
    const reason = (failure as PromiseRejectedResult).reason;
    // The first real error wins over the aborts it caused in the other workers.
    const first = results
      .map((result) => (result.status === 'rejected' ? (result.reason as unknown) : null))
      .find((error) => error instanceof UploadError && error.code !== 'aborted');
    throw signal?.aborted ? new UploadError('aborted', 'The upload was paused.') : (first ?? reason);
  }
  return finish(api, store, fingerprint, session.id, retry);
}

/** Cancels the unfinished upload of this file, if any: the server drops its parts and bytes. */
export async function cancelUpload(
  file: UploadableFile,
  options: Pick<UploadFileOptions, 'purpose' | 'workspaceId' | 'resumeStore' | 'baseUrl' | 'fetch'> & {
    uploadId?: string;
  },
): Promise<void> {
  const store = options.resumeStore === undefined ? defaultResumeStore() : options.resumeStore;
  const fingerprint = uploadFingerprint(file, options);
  const uploadId = options.uploadId ?? store?.get(fingerprint)?.uploadId;
  store?.delete(fingerprint);
  if (!uploadId) return;
  await createUploadApi({ baseUrl: options.baseUrl, fetch: options.fetch })
    .abort(uploadId)
    .catch((error: unknown) => {
      // Gone already (finished elsewhere, expired): nothing left to cancel.
      if (!(error instanceof UploadError && error.status === 404)) throw error;
    });
}

async function resumeSession(
  api: UploadApi,
  uploadId: string | undefined,
  retry: <T>(attempt: (n: number) => Promise<T>) => Promise<T>,
): Promise<UploadSession | null> {
  if (!uploadId) return null;
  try {
    const session = await retry(() => api.get(uploadId));
    const usable =
      session.status === 'ready' ||
      (session.status === 'uploading' && Date.parse(session.expiresAt) > Date.now());
    return usable ? session : null;
  } catch (error) {
    // Unknown, expired or someone else's: start afresh.
    if (error instanceof UploadError && error.code === 'rejected') return null;
    throw error;
  }
}

async function finish(
  api: UploadApi,
  store: ResumeStore | null,
  fingerprint: string,
  uploadId: string,
  retry: <T>(attempt: (n: number) => Promise<T>) => Promise<T>,
): Promise<UploadedMedia> {
  const media = await retry(() => api.complete(uploadId));
  store?.delete(fingerprint);
  return media;
}
