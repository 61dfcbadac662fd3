function box(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(payload.length + 8, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

/**
 * A minimal MP4 (ftyp + moov/mvhd + mdat) whose `mvhd` says `durationSeconds`; padded with mdat
 * bytes up to `totalBytes`. Enough for the sandbox's container sniffing and duration check.
 */
export function buildMp4(input: { durationSeconds: number; totalBytes?: number }): Buffer {
  const ftyp = box(
    'ftyp',
    Buffer.concat([
      Buffer.from('isom', 'latin1'),
      Buffer.alloc(4),
      Buffer.from('isomiso2avc1mp41', 'latin1'),
    ]),
  );
  const mvhdBody = Buffer.alloc(100);
  mvhdBody.writeUInt32BE(1000, 12);
  mvhdBody.writeUInt32BE(Math.round(input.durationSeconds * 1000), 16);
  const moov = box('moov', box('mvhd', mvhdBody));
  const head = Buffer.concat([ftyp, moov]);
  const padding = Math.max(0, (input.totalBytes ?? head.length + 8) - head.length - 8);
  return Buffer.concat([head, box('mdat', Buffer.alloc(padding, 7))]);
}

export const SAMPLE_WEBM = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(60, 1)]);
export const SAMPLE_JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.alloc(60, 2),
  Buffer.from([0xff, 0xd9]),
]);
export const SAMPLE_PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(60, 3),
]);
