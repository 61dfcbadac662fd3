/** Where TikTok gets the video from. */
export type VideoSource =
  /** We PUT the bytes to `upload_url` in `totalChunkCount` chunks (see `uploadVideoChunk`). */
  | { source: 'FILE_UPLOAD'; videoSize: number; chunkSize: number; totalChunkCount: number }
  /** TikTok downloads it: https, on a verified domain or URL prefix, no redirects. */
  | { source: 'PULL_FROM_URL'; videoUrl: string };

/** `source_info` as TikTok spells it. */
export function toSourceInfo(source: VideoSource): Record<string, unknown> {
  return source.source === 'FILE_UPLOAD'
    ? {
        source: 'FILE_UPLOAD',
        video_size: source.videoSize,
        chunk_size: source.chunkSize,
        total_chunk_count: source.totalChunkCount,
      }
    : { source: 'PULL_FROM_URL', video_url: source.videoUrl };
}
