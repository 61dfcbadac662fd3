import 'server-only';
import type { Post, PostTargetSettings } from '@/lib/db/schema';
import type { VideoPostInfo } from '@/lib/tiktok/content-posting/init-video-post';
import type { PrivacyLevel } from '@/lib/tiktok/content-posting/schema';
import { evaluateDisclosure } from './disclosure-rules';

/**
 * The post_info a Direct Post sends, from what the person chose. The interaction switches start
 * unchecked in the composer, so "allow" is what they ticked; both brand toggles are always sent.
 */
export function toVideoPostInfo(post: Post, settings: PostTargetSettings): VideoPostInfo {
  const disclosure = evaluateDisclosure(settings.disclosure);
  return {
    privacyLevel: settings.privacyLevel as PrivacyLevel,
    ...(post.caption ? { title: post.caption } : {}),
    disableComment: !settings.allowComment,
    disableDuet: !settings.allowDuet,
    disableStitch: !settings.allowStitch,
    brandContentToggle: disclosure.brandContentToggle,
    brandOrganicToggle: disclosure.brandOrganicToggle,
    isAigc: settings.isAigc,
  };
}

export function toPhotoPostInfo(post: Post, settings: PostTargetSettings) {
  const disclosure = evaluateDisclosure(settings.disclosure);
  return {
    ...(post.caption ? { title: post.caption } : {}),
    ...(post.description ? { description: post.description } : {}),
    brandContentToggle: disclosure.brandContentToggle,
    brandOrganicToggle: disclosure.brandOrganicToggle,
    privacyLevel: settings.privacyLevel as PrivacyLevel,
    disableComment: !settings.allowComment,
    autoAddMusic: settings.autoAddMusic ?? false,
  };
}
