import { describe, expect, it } from 'vitest';
import { checkMediaFile, formatBytes } from './media-purposes';

describe('media purposes', () => {
  it('accepts files within their purpose’s limits', () => {
    expect(checkMediaFile('video', { size: 4_000_000_000, contentType: 'video/mp4' })).toBeNull();
    expect(checkMediaFile('photo', { size: 20_000_000, contentType: 'image/webp' })).toBeNull();
    expect(checkMediaFile('dm_image', { size: 3_000_000, contentType: 'image/png' })).toBeNull();
  });

  it('explains a file that is too large with both sizes', () => {
    expect(checkMediaFile('dm_image', { size: 3_000_001, contentType: 'image/jpeg' })).toEqual({
      code: 'payload_too_large',
      message: 'This image is 3,000,001 bytes, over the 3 MB limit.',
    });
    expect(checkMediaFile('video', { size: 4_600_000_000, contentType: 'video/mp4' })?.message).toBe(
      'This video is 4.6 GB, over the 4 GB limit.',
    );
  });

  it('names the accepted types', () => {
    expect(checkMediaFile('dm_image', { size: 10, contentType: 'image/webp' })?.message).toBe(
      'This image must be JPEG or PNG.',
    );
    expect(checkMediaFile('video', { size: 10, contentType: 'text/html' })?.message).toBe(
      'This video must be MP4, MOV or WEBM.',
    );
    expect(checkMediaFile('photo', { size: 0, contentType: 'image/jpeg' })?.code).toBe('empty');
  });

  it('formats sizes the way limits are written', () => {
    expect([formatBytes(999), formatBytes(1500), formatBytes(3_000_000), formatBytes(123_456_789)]).toEqual([
      '999 bytes',
      '1.5 KB',
      '3 MB',
      '123 MB',
    ]);
  });
});
