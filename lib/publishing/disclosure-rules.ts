/**
 * TikTok's commercial-content disclosure rules for the composer (Content Sharing Guidelines, Direct
 * Post UX §3–4), as one pure function the composer renders from and the server re-checks before
 * posting. The texts are TikTok's, word for word. Client-safe.
 */
export type Disclosure = {
  /** "Disclose video content" toggle: off by default. */
  enabled: boolean;
  /** "Your brand" → `brand_organic_toggle`. */
  yourBrand: boolean;
  /** "Branded content" → `brand_content_toggle`. */
  brandedContent: boolean;
};

export const NO_DISCLOSURE: Disclosure = { enabled: false, yourBrand: false, brandedContent: false };

export const DISCLOSURE_TEXTS = {
  needsChoice: 'You need to indicate if your content promotes yourself, a third party, or both.',
  brandedCannotBePrivate: 'Branded content visibility cannot be set to private.',
  labelPromotional: 'Promotional content',
  labelPaidPartnership: 'Paid partnership',
  consentMusic: "By posting, you agree to TikTok's Music Usage Confirmation.",
  consentBranded: "By posting, you agree to TikTok's Branded Content Policy and Music Usage Confirmation.",
} as const;

export const TIKTOK_LEGAL_LINKS = {
  musicUsageConfirmation: 'https://www.tiktok.com/legal/page/global/music-usage-confirmation/en',
  brandedContentPolicy: 'https://www.tiktok.com/legal/page/global/bc-policy/en',
} as const;

export type DisclosureOutcome = {
  /** What the API receives; both are always sent. */
  brandOrganicToggle: boolean;
  brandContentToggle: boolean;
  /** The label TikTok will show on the post, previewed in the composer. */
  label: 'Promotional content' | 'Paid partnership' | null;
  /** Which consent sentence sits above the Post button (always one of the two). */
  consent: 'music' | 'branded';
  /** The hint to show when the toggle is on with no box ticked: posting is blocked. */
  problem: string | null;
  /** `SELF_ONLY` must be disabled in the privacy dropdown (hover text `brandedCannotBePrivate`). */
  privateDisabled: boolean;
};

export function evaluateDisclosure(disclosure: Disclosure): DisclosureOutcome {
  const organic = disclosure.enabled && disclosure.yourBrand;
  const branded = disclosure.enabled && disclosure.brandedContent;
  return {
    brandOrganicToggle: organic,
    brandContentToggle: branded,
    label: branded
      ? DISCLOSURE_TEXTS.labelPaidPartnership
      : organic
        ? DISCLOSURE_TEXTS.labelPromotional
        : null,
    consent: branded ? 'branded' : 'music',
    problem: disclosure.enabled && !organic && !branded ? DISCLOSURE_TEXTS.needsChoice : null,
    privateDisabled: branded,
  };
}

/** The privacy problem, if any, of a chosen level under a disclosure. */
export function privacyProblem(
  privacyLevel: string | null,
  options: readonly string[],
  disclosure: Disclosure,
): string | null {
  if (!privacyLevel) return 'Choose who can see this post.';
  if (!options.includes(privacyLevel))
    return 'This account cannot post with that visibility any more. Choose again.';
  if (privacyLevel === 'SELF_ONLY' && evaluateDisclosure(disclosure).privateDisabled) {
    return DISCLOSURE_TEXTS.brandedCannotBePrivate;
  }
  return null;
}

/** How TikTok's privacy levels read in the dropdown. */
export const PRIVACY_LABELS: Record<string, string> = {
  PUBLIC_TO_EVERYONE: 'Everyone',
  MUTUAL_FOLLOW_FRIENDS: 'Friends',
  FOLLOWER_OF_CREATOR: 'Followers',
  SELF_ONLY: 'Only me',
};

export function privacyLabel(level: string): string {
  return PRIVACY_LABELS[level] ?? level.toLowerCase().replaceAll('_', ' ');
}
