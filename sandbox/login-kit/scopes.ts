/** Scopes a Login Kit app can request, with the wording the consent page shows next to each. */
export const LOGIN_KIT_SCOPES: Record<string, string> = {
  'user.info.basic': 'Read your profile info (avatar, display name)',
  'user.info.profile': 'Read your profile details (username, bio, verified badge, profile link)',
  'user.info.stats': 'Read your stats (followers, following, likes, video count)',
  'video.list': 'Read your public videos',
  'video.publish': 'Post content directly to your TikTok account',
  'video.upload': 'Upload content to your TikTok inbox as drafts',
};

/** TikTok joins scopes with commas; tolerate stray spaces some clients add. */
export function parseScopeList(value: string | null | undefined): string[] {
  if (!value) return [];
  return [...new Set(value.split(/[,\s]+/).filter(Boolean))];
}
