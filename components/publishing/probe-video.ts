'use client';

import type { VideoFacts } from '@/lib/publishing/media-rules';

const CONTAINERS: Record<string, string> = {
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
};

/**
 * The browser's pre-check before uploading: the file's container from its type and its duration
 * and picture size from the browser's own demuxer. The server inspects the stored bytes again
 * with a real parser before anything goes to TikTok; this only saves a pointless upload.
 */
export function probeVideo(file: File): Promise<VideoFacts & { previewUrl: string }> {
  const previewUrl = URL.createObjectURL(file);
  const base = { container: CONTAINERS[file.type] ?? null, sizeBytes: file.size, codec: null, previewUrl };
  return new Promise((resolve) => {
    const video = document.createElement('video');
    video.preload = 'metadata';
    video.muted = true;
    const done = (facts: Partial<VideoFacts>) => {
      video.removeAttribute('src');
      resolve({ ...base, durationSeconds: null, width: null, height: null, ...facts });
    };
    video.onloadedmetadata = () =>
      done({
        durationSeconds: Number.isFinite(video.duration) ? video.duration : null,
        width: video.videoWidth || null,
        height: video.videoHeight || null,
      });
    // A container the browser cannot play (some MOV/HEVC): leave it to the server's inspection.
    video.onerror = () => done({ durationSeconds: null, width: null, height: null });
    setTimeout(() => done({}), 8000);
    video.src = previewUrl;
  });
}
