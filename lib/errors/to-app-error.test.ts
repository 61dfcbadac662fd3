import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './app-error';
import { toAppError } from './to-app-error';

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
});
