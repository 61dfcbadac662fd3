import { randomId } from '../core/users';

export type StoredMedia = {
  mediaId: string;
  businessOpenId: string;
  contentType: string;
  filename: string;
  bytes: Buffer;
  createdAtMs: number;
};

type SnapshotMedia = Omit<StoredMedia, 'bytes'> & { base64: string };

/** Images uploaded by businesses or attached to customer DMs, downloadable by media id. */
export class MediaStore {
  private media = new Map<string, StoredMedia>();

  add(input: Omit<StoredMedia, 'mediaId'>): StoredMedia {
    const stored = { ...input, mediaId: randomId('v10044g50000', 10) };
    this.media.set(stored.mediaId, stored);
    return stored;
  }

  get(mediaId: string) {
    return this.media.get(mediaId);
  }

  clear() {
    this.media.clear();
  }

  snapshot(): SnapshotMedia[] {
    return [...this.media.values()].map(({ bytes, ...rest }) => ({
      ...rest,
      base64: bytes.toString('base64'),
    }));
  }

  restore(items: SnapshotMedia[]) {
    this.media = new Map(
      items.map(({ base64, ...rest }) => [rest.mediaId, { ...rest, bytes: Buffer.from(base64, 'base64') }]),
    );
  }
}

/** A 1×1 PNG for customer images sent through the control API without bytes. */
export const PLACEHOLDER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
