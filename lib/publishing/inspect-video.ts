import 'server-only';
import { ALL_FORMATS, Input, StreamSource } from 'mediabunny';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import type { VideoFacts } from './media-rules';

const CONTAINERS: Record<string, string> = {
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'video/x-matroska': 'mkv',
};

/**
 * Reads a stored video's container with mediabunny (maintained, pure TypeScript: MP4/MOV `moov`,
 * WebM/Matroska): duration, dimensions, codec and frame rate. Only the boxes it asks for are read,
 * through ranged reads from storage, so a 4 GB file costs a few hundred KB of I/O wherever its
 * `moov` sits. A file it cannot parse is a fact too (container null), not an exception.
 */
export async function inspectVideo(
  storage: ObjectStorage,
  key: string,
  signal?: AbortSignal,
): Promise<VideoFacts> {
  const head = await storage.head(key);
  if (!head) throw new Error(`No stored object at ${key}`);
  const input = new Input({
    formats: ALL_FORMATS,
    source: new StreamSource({
      getSize: () => head.size,
      read: async (start, end) => {
        const { body } = await storage.get(key, { range: { start, end: end - 1 }, signal });
        const parts: Buffer[] = [];
        for await (const part of body) parts.push(part as Buffer);
        return new Uint8Array(Buffer.concat(parts));
      },
      prefetchProfile: 'network',
      maxCacheSize: 4 * 1024 * 1024,
    }),
  });
  try {
    let format: string;
    try {
      format = (await input.getFormat()).mimeType;
    } catch {
      return {
        container: null,
        sizeBytes: head.size,
        durationSeconds: null,
        width: null,
        height: null,
        codec: null,
      };
    }
    const track = await input.getPrimaryVideoTrack();
    // The container's declared duration (mp4 `mvhd`, WebM `Duration`) is what TikTok checks; packets only as a fallback.
    const duration =
      (await input.getDurationFromMetadata().catch(() => null)) ??
      (await input.computeDuration().catch(() => null));
    let fps: number | null = null;
    if (track) {
      const stats = await track.computePacketStats(100).catch(() => null);
      fps = stats?.averagePacketRate ? Math.round(stats.averagePacketRate * 100) / 100 : null;
    }
    return {
      container: CONTAINERS[format] ?? format,
      sizeBytes: head.size,
      durationSeconds: duration && duration > 0 ? Math.round(duration * 1000) / 1000 : null,
      width: track?.displayWidth ?? null,
      height: track?.displayHeight ?? null,
      codec: track?.codec ?? null,
      fps,
    };
  } finally {
    input.dispose();
  }
}
