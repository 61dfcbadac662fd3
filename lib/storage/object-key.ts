/**
 * Object keys are built by us, from ids and sanitised segments: every adapter checks them so a
 * key can never climb out of its folder (`..`), hide in our own dot-folders, or differ between
 * the local folder and a bucket.
 */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._=+-]{0,254}$/;
const PREFIX_CHARS = /^[A-Za-z0-9._=+/-]*$/;
const MAX_KEY_LENGTH = 1024;

export class InvalidObjectKeyError extends Error {
  override name = 'InvalidObjectKeyError';
}

export function isValidObjectKey(key: string): boolean {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) return false;
  return key.split('/').every((segment) => SEGMENT.test(segment) && !/^\.|\.\.|\.$/.test(segment));
}

export function assertObjectKey(key: string): void {
  if (!isValidObjectKey(key))
    throw new InvalidObjectKeyError(`Not a valid object key: ${JSON.stringify(key)}`);
}

/** A listing prefix: a key, a key's start, or a folder ending in `/` (empty lists everything). */
export function assertObjectPrefix(prefix: string): void {
  const segments = prefix.split('/');
  const ok =
    prefix.length <= MAX_KEY_LENGTH &&
    PREFIX_CHARS.test(prefix) &&
    !prefix.startsWith('/') &&
    segments.every((segment, index) => {
      const last = index === segments.length - 1;
      if (segment === '') return last;
      return !segment.startsWith('.') && !segment.includes('..');
    });
  if (!ok) throw new InvalidObjectKeyError(`Not a valid object prefix: ${JSON.stringify(prefix)}`);
}

/**
 * Turns any text (a username, a file name) into one safe key segment: accents dropped, anything
 * outside `[A-Za-z0-9._=+-]` becomes `-`, no leading dot, never empty, at most `maxLength` long.
 */
export function toKeySegment(value: string, { maxLength = 80, fallback = 'x' } = {}): string {
  const cleaned = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._=+-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, maxLength)
    .replace(/[.-]+$/g, '');
  return cleaned === '' ? fallback : cleaned;
}
