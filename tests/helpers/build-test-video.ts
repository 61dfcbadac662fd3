/**
 * A structurally real MP4 (ISO-BMFF: ftyp, moov with one H.264 video track, mdat) of any size,
 * duration and dimensions, so media inspection, the composer and the upload pipeline see what a
 * phone export looks like without shipping binary fixtures. The samples are filler bytes: enough
 * for container parsers (and TikTok's sniffing in the sandbox), not for a decoder.
 */
function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(body.length + 8, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

function fullBox(type: string, version: number, flags: number, ...payload: Buffer[]): Buffer {
  const vf = Buffer.alloc(4);
  vf.writeUInt32BE(((version & 0xff) << 24) | (flags & 0xffffff), 0);
  return box(type, vf, ...payload);
}

function u32(...values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 4);
  for (const [i, v] of values.entries()) out.writeUInt32BE(v >>> 0, i * 4);
  return out;
}

function u16(...values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 2);
  for (const [i, v] of values.entries()) out.writeUInt16BE(v & 0xffff, i * 2);
  return out;
}

const MATRIX = u32(0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000);

export type TestVideoOptions = {
  durationSeconds: number;
  width?: number;
  height?: number;
  fps?: number;
  /** Pads the media data so the file has exactly this many bytes (at least the header's size). */
  totalBytes?: number;
};

export function buildTestMp4(options: TestVideoOptions): Buffer {
  const width = options.width ?? 1080;
  const height = options.height ?? 1920;
  const fps = options.fps ?? 30;
  const timescale = 1000;
  const duration = Math.round(options.durationSeconds * timescale);
  const samples = Math.max(1, Math.round(options.durationSeconds * fps));
  const sampleDelta = Math.max(1, Math.round(timescale / fps));

  const ftyp = box(
    'ftyp',
    Buffer.from('isom', 'latin1'),
    u32(512),
    Buffer.from('isomiso2avc1mp41', 'latin1'),
  );
  const mvhd = fullBox(
    'mvhd',
    0,
    0,
    u32(0, 0, timescale, duration, 0x00010000),
    u16(0x0100, 0),
    u32(0, 0),
    MATRIX,
    u32(0, 0, 0, 0, 0, 0),
    u32(2),
  );
  const tkhd = fullBox(
    'tkhd',
    0,
    3,
    u32(0, 0, 1, 0, duration, 0, 0),
    u16(0, 0, 0, 0),
    MATRIX,
    u32(width << 16, height << 16),
  );
  const mdhd = fullBox('mdhd', 0, 0, u32(0, 0, timescale, duration), u16(0x55c4, 0));
  const hdlr = fullBox(
    'hdlr',
    0,
    0,
    u32(0),
    Buffer.from('vide', 'latin1'),
    u32(0, 0, 0),
    Buffer.from('VideoHandler\0', 'latin1'),
  );
  // avcC: High profile 4.0 with a minimal SPS/PPS (parsers read the profile for the codec string).
  const sps = Buffer.from([0x67, 0x64, 0x00, 0x28, 0xac, 0xd9, 0x40, 0x44, 0x02, 0x27, 0xe5, 0xc0, 0x44]);
  const pps = Buffer.from([0x68, 0xeb, 0xe3, 0xcb, 0x22, 0xc0]);
  const avcC = box(
    'avcC',
    Buffer.from([1, 0x64, 0x00, 0x28, 0xff, 0xe1]),
    u16(sps.length),
    sps,
    Buffer.from([1]),
    u16(pps.length),
    pps,
  );
  const avc1 = box(
    'avc1',
    Buffer.alloc(6),
    u16(1),
    Buffer.alloc(16),
    u16(width, height),
    u32(0x00480000, 0x00480000, 0),
    u16(1),
    Buffer.alloc(32),
    u16(0x0018, 0xffff),
    avcC,
  );
  const stsd = fullBox('stsd', 0, 0, u32(1), avc1);
  const stts = fullBox('stts', 0, 0, u32(1, samples, sampleDelta));
  const stsc = fullBox('stsc', 0, 0, u32(1, 1, samples, 1));
  const sampleSize = 16;
  const stsz = fullBox('stsz', 0, 0, u32(sampleSize, samples));
  const stss = fullBox('stss', 0, 0, u32(1, 1));
  // stco is patched below once the mdat offset is known.
  const stcoPlaceholder = fullBox('stco', 0, 0, u32(1, 0));
  const build = (stco: Buffer) => {
    const stbl = box('stbl', stsd, stts, stss, stsc, stsz, stco);
    const vmhd = fullBox('vmhd', 0, 1, u16(0, 0, 0, 0));
    const dinf = box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1)));
    const minf = box('minf', vmhd, dinf, stbl);
    const trak = box('trak', tkhd, box('mdia', mdhd, hdlr, minf));
    return Buffer.concat([ftyp, box('moov', mvhd, trak)]);
  };
  const headLength = build(stcoPlaceholder).length;
  const head = build(fullBox('stco', 0, 0, u32(1, headLength + 8)));
  const mdatBytes = Math.max(samples * sampleSize, (options.totalBytes ?? 0) - head.length - 8);
  const mdatHeader = Buffer.alloc(8);
  mdatHeader.writeUInt32BE(mdatBytes + 8, 0);
  mdatHeader.write('mdat', 4, 'latin1');
  return Buffer.concat([head, mdatHeader, Buffer.alloc(mdatBytes, 0)]);
}
