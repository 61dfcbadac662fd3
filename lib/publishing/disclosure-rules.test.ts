import { describe, expect, it } from 'vitest';
import { DISCLOSURE_TEXTS, evaluateDisclosure, privacyProblem } from './disclosure-rules';

const ALL = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'];

describe('evaluateDisclosure: TikTok’s rules as a table', () => {
  it.each([
    // enabled, your brand, branded → organic, branded toggles, label, consent, problem, private disabled
    [false, false, false, false, false, null, 'music', null, false],
    // Boxes ticked while the toggle is off do not count: nothing is disclosed.
    [false, true, true, false, false, null, 'music', null, false],
    [true, false, false, false, false, null, 'music', DISCLOSURE_TEXTS.needsChoice, false],
    [true, true, false, true, false, 'Promotional content', 'music', null, false],
    [true, false, true, false, true, 'Paid partnership', 'branded', null, true],
    [true, true, true, true, true, 'Paid partnership', 'branded', null, true],
  ] as const)(
    'on=%s yourBrand=%s branded=%s',
    (enabled, yourBrand, brandedContent, organic, branded, label, consent, problem, privateDisabled) => {
      expect(evaluateDisclosure({ enabled, yourBrand, brandedContent })).toEqual({
        brandOrganicToggle: organic,
        brandContentToggle: branded,
        label,
        consent,
        problem,
        privateDisabled,
      });
    },
  );

  it('uses TikTok’s exact consent sentences', () => {
    expect(DISCLOSURE_TEXTS.consentMusic).toBe("By posting, you agree to TikTok's Music Usage Confirmation.");
    expect(DISCLOSURE_TEXTS.consentBranded).toBe(
      "By posting, you agree to TikTok's Branded Content Policy and Music Usage Confirmation.",
    );
  });
});

describe('privacyProblem', () => {
  const off = { enabled: false, yourBrand: false, brandedContent: false };
  const branded = { enabled: true, yourBrand: false, brandedContent: true };
  const ownBrand = { enabled: true, yourBrand: true, brandedContent: false };
  it.each([
    ['no choice (there is no default)', null, ALL, off, 'Choose who can see this post.'],
    [
      'a level the creator does not offer',
      'FOLLOWER_OF_CREATOR',
      ALL,
      off,
      expect.stringContaining('cannot post'),
    ],
    ['public', 'PUBLIC_TO_EVERYONE', ALL, off, null],
    ['only me', 'SELF_ONLY', ALL, off, null],
    ['only me with your brand', 'SELF_ONLY', ALL, ownBrand, null],
    ['only me with branded content', 'SELF_ONLY', ALL, branded, DISCLOSURE_TEXTS.brandedCannotBePrivate],
    ['friends with branded content', 'MUTUAL_FOLLOW_FRIENDS', ALL, branded, null],
  ])('%s', (_name, level, options, disclosure, problem) => {
    expect(privacyProblem(level, options, disclosure)).toEqual(problem);
  });
});
