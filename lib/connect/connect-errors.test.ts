import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors/app-error';
import { CONNECT_FAILURES, ConnectError, describeConnectFailure } from './connect-errors';

describe('connect failures', () => {
  it('are AppErrors: one vocabulary, with the reason kept for the redirect', () => {
    const error = new ConnectError('ungranted_scopes', { missingScopes: ['video.publish'] });
    expect(isAppError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'unprocessable_entity', status: 422, reason: 'ungranted_scopes' });
    expect(error.message).toBe(CONNECT_FAILURES.ungranted_scopes.message);
    expect(new ConnectError('profile_failed').status).toBe(503);
  });

  it('describe any ?error= value, unknown ones with the generic sentence', () => {
    expect(describeConnectFailure('access_denied')).toBe(CONNECT_FAILURES.access_denied.message);
    expect(describeConnectFailure('<script>')).toBe(CONNECT_FAILURES.unexpected_error.message);
    expect(describeConnectFailure('toString')).toBe(CONNECT_FAILURES.unexpected_error.message);
  });
});
