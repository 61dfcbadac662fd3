import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './app-error';
import { toAppError } from './to-app-error';
import { TryLaterError } from './try-later-error';

describe('toAppError', () => {
  it('keeps AppErrors as they are', () => {
    const error = new AppError({ code: 'forbidden', message: 'Only admins can do that.' });
    expect(toAppError(error)).toBe(error);
    expect(error.status).toBe(403);
  });

  it('turns zod failures into a 422 naming the field', () => {
    const result = z.object({ email: z.email() }).safeParse({ email: 'nope' });
    const error = toAppError(result.error);
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/^email: /);
    expect(error.fieldErrors?.email?.length).toBe(1);
  });

  it('hides the text of unexpected errors', () => {
    const error = toAppError(new Error('relation "users" does not exist; token=act.sbx123'));
    expect(error.status).toBe(500);
    expect(error.message).not.toMatch(/relation|act\.sbx/);
  });

  it('answers TryLaterError with 503 and Retry-After, without its internal message', () => {
    const error = toAppError(new TryLaterError('bucket posting.video-init for t.abc is full', 12_400));
    expect(error.status).toBe(503);
    expect(error.retryAfterSeconds).toBe(13);
    expect(error.message).toBe("TikTok's rate limit is reached for now. Please try again in 13 seconds.");
  });
});
