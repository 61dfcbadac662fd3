import { open } from 'node:fs/promises';

export const MAX_VIDEO_BYTES = 4 * 1024 ** 3;
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;
/** The API takes up to 10 minutes; creators trim to their own limit in the app. */
export const MAX_VIDEO_SECONDS = 600;

export type MediaVerdict = { failReason: string | null; durationSeconds: number | null };

type Handle = Awaited<ReturnType<typeof open>>;

async function readAt(handle: Handle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** Checks a received video file the way TikTok's processing would, by sniffing, not by trusting headers. */
export async function checkVideoFile(path: string): Promise<MediaVerdict> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    if (size > MAX_VIDEO_BYTES) return { failReason: 'file_format_check_failed', durationSeconds: null };
    const head = await readAt(handle, 0, 16);
    // WebM/Matroska: EBML magic; we do not parse its duration.
    if (head.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))) {
      return { failReason: null, durationSeconds: null };
    }
    if (head.subarray(4, 8).toString('latin1') !== 'ftyp') {
      return { failReason: 'file_format_check_failed', durationSeconds: null };
    }
    const duration = await mp4Duration(handle, size);
    if (duration === null) return { failReason: 'file_format_check_failed', durationSeconds: null };
    if (duration > MAX_VIDEO_SECONDS)
      return { failReason: 'duration_check_failed', durationSeconds: duration };
    return { failReason: null, durationSeconds: duration };
  } finally {
    await handle.close();
  }
}

/** Walks ISO-BMFF boxes (mp4 and mov) to `moov/mvhd` and returns duration / timescale in seconds. */
async function mp4Duration(handle: Handle, fileSize: number): Promise<number | null> {
  const moov = await findBox(handle, 0, fileSize, 'moov');
  if (!moov) return null;
  const mvhd = await findBox(handle, moov.start, moov.end, 'mvhd');
  if (!mvhd) return null;
  const body = await readAt(handle, mvhd.start, 32);
  const version = body[0];
  // Full-box header (version + flags), then creation/modification times: 32-bit in v0, 64-bit in v1.
  if (version === 1 && body.length >= 32) {
    const timescale = body.readUInt32BE(20);
    return timescale ? Number(body.readBigUInt64BE(24)) / timescale : null;
  }
  if (body.length < 20) return null;
  const timescale = body.readUInt32BE(12);
  return timescale ? body.readUInt32BE(16) / timescale : null;
}

async function findBox(handle: Handle, from: number, to: number, type: string) {
  let offset = from;
  while (offset + 8 <= to) {
    const header = await readAt(handle, offset, 16);
    if (header.length < 8) return null;
    let size = header.readUInt32BE(0);
    let headerSize = 8;
    if (size === 1 && header.length >= 16) {
      size = Number(header.readBigUInt64BE(8));
      headerSize = 16;
    } else if (size === 0) {
      size = to - offset;
    }
    if (size < headerSize) return null;
    if (header.subarray(4, 8).toString('latin1') === type) {
      return { start: offset + headerSize, end: Math.min(offset + size, to) };
    }
    offset += size;
  }
  return null;
}

/** JPEG or WebP only: TikTok refuses PNG photos. */
export async function checkPhotoFile(path: string): Promise<MediaVerdict> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const head = await readAt(handle, 0, 12);
    const jpeg = head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
    const webp =
      head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP';
    if (!jpeg && !webp) return { failReason: 'file_format_check_failed', durationSeconds: null };
    if (size > MAX_PHOTO_BYTES) return { failReason: 'picture_size_check_failed', durationSeconds: null };
    return { failReason: null, durationSeconds: null };
  } finally {
    await handle.close();
  }
}
