'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { BrowserUploadPurpose } from '@/lib/uploads/media-purposes';
import { UploadError } from '@/lib/uploads/upload-error';
import {
  cancelUpload,
  type UploadableFile,
  type UploadFileOptions,
  uploadFile,
} from '@/lib/uploads/upload-file';
import type { UploadProgress } from '@/lib/uploads/upload-progress';
import type { UploadedMedia } from '@/lib/uploads/upload-protocol';

export type UploadStatus = 'idle' | 'uploading' | 'paused' | 'done' | 'failed' | 'cancelled';

export type UseUploadOptions = {
  purpose: BrowserUploadPurpose;
  workspaceId?: string;
} & Pick<UploadFileOptions, 'concurrency' | 'retries'>;

export type UploadState = {
  status: UploadStatus;
  file: UploadableFile | null;
  progress: UploadProgress | null;
  media: UploadedMedia | null;
  /** A sentence for the person, when something went wrong. */
  error: string | null;
  /** Whether `resume()` can pick up where it stopped (false after a refusal). */
  canResume: boolean;
};

const INITIAL: UploadState = {
  status: 'idle',
  file: null,
  progress: null,
  media: null,
  error: null,
  canResume: false,
};

/**
 * One file's upload, for composers: `start(file)`, `pause()`, `resume()`, `cancel()`, with
 * progress (bytes, %, speed, time left). Picking the same file again after a reload resumes the
 * unfinished upload (remembered in localStorage). Unmounting pauses, it does not cancel.
 */
export function useUpload(options: UseUploadOptions) {
  const [state, setState] = useState<UploadState>(INITIAL);
  const controller = useRef<AbortController | null>(null);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(async (file: UploadableFile): Promise<UploadedMedia | null> => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setState({ ...INITIAL, status: 'uploading', file });
    try {
      const media = await uploadFile(file, {
        ...optionsRef.current,
        signal: current.signal,
        onProgress: (progress) => {
          if (controller.current === current) setState((previous) => ({ ...previous, progress }));
        },
      });
      if (controller.current === current) setState((previous) => ({ ...previous, status: 'done', media }));
      return media;
    } catch (error) {
      if (controller.current !== current) return null;
      const uploadError =
        error instanceof UploadError ? error : new UploadError('server', 'The upload failed. Try again.');
      setState((previous) =>
        previous.status === 'cancelled'
          ? previous
          : {
              ...previous,
              status: uploadError.code === 'aborted' ? 'paused' : 'failed',
              error: uploadError.code === 'aborted' ? null : uploadError.message,
              canResume: uploadError.resumable,
            },
      );
      return null;
    }
  }, []);

  const pause = useCallback(() => controller.current?.abort(), []);

  const resume = useCallback(async () => (state.file ? run(state.file) : null), [run, state.file]);

  const cancel = useCallback(async () => {
    const { file } = state;
    controller.current?.abort();
    controller.current = null;
    setState({ ...INITIAL, status: 'cancelled', file });
    if (file) {
      await cancelUpload(file, optionsRef.current).catch(() => {
        // The server drops abandoned uploads after a day anyway.
      });
    }
  }, [state]);

  const reset = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setState(INITIAL);
  }, []);

  return { ...state, start: run, pause, resume, cancel, reset };
}
