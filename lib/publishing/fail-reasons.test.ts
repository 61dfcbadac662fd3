import { describe, expect, it } from 'vitest';
import {
  DOCUMENTED_FAIL_REASONS,
  describeFailReason,
  retriesAutomatically,
  userMayRetry,
} from './fail-reasons';

describe('fail_reason → message and retry rule', () => {
  it.each([
    ['internal', 'auto'],
    ['video_pull_failed', 'auto'],
    ['photo_pull_failed', 'auto'],
    ['publish_cancelled', 'manual'],
    ['spam_risk_too_many_posts', 'manual'],
    ['auth_removed', 'never'],
    ['spam_risk_user_banned_from_posting', 'never'],
    ['spam_risk_text', 'never'],
    ['spam_risk', 'never'],
    ['duration_check_failed', 'never'],
    ['file_format_check_failed', 'never'],
    ['frame_rate_check_failed', 'never'],
    ['picture_size_check_failed', 'never'],
    ['video_bitrate_check_failed', 'never'],
  ] as const)('%s → %s', (reason, retry) => {
    const info = describeFailReason(reason);
    expect(info.retry).toBe(retry);
    expect(retriesAutomatically(reason)).toBe(retry === 'auto');
    expect(userMayRetry(reason)).toBe(retry !== 'never');
  });

  it('has a readable sentence for every documented reason (no codes shown to people)', () => {
    for (const reason of DOCUMENTED_FAIL_REASONS) {
      const { message } = describeFailReason(reason);
      expect(message).toMatch(/^[A-Z].*\.$/);
      expect(message).not.toContain('_');
    }
  });

  it('an unknown reason is named, and may be retried by hand only', () => {
    expect(describeFailReason('brand_new_reason')).toEqual({
      reason: 'brand_new_reason',
      message: 'TikTok did not publish the post (brand_new_reason).',
      retry: 'manual',
    });
    expect(describeFailReason(null).reason).toBe('unknown');
  });
});
