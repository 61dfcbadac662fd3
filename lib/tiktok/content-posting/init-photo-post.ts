import 'server-only';
import { openApiRequest } from '@/lib/tiktok/http/open-api-host';
import { initResponseSchema, type PrivacyLevel } from './schema';

/** TikTok's bounds on a photo post. */
export const MAX_PHOTOS = 35;

type PhotoPostInfoBase = {
  /** At most 90 UTF-16 code units. */
  title?: string;
  /** At most 4000 UTF-16 code units. */
  description?: string;
  /** Both toggles are always sent; they take effect for DIRECT_POST. */
  brandContentToggle: boolean;
  brandOrganicToggle: boolean;
};

export type InitPhotoPostOptions = {
  accessToken: string;
  /** 1–35 image URLs on a verified domain or prefix (photos have no FILE_UPLOAD). */
  photoUrls: readonly string[];
  /** 0-based index into `photoUrls`. */
  coverIndex: number;
  signal?: AbortSignal;
} & (
  | {
      postMode: 'DIRECT_POST';
      postInfo: PhotoPostInfoBase & {
        privacyLevel: PrivacyLevel;
        disableComment?: boolean;
        autoAddMusic?: boolean;
      };
    }
  /** To the creator's inbox (TikTok app 31.8+, else `app_version_check_failed`). */
  | { postMode: 'MEDIA_UPLOAD'; postInfo: PhotoPostInfoBase }
);

/**
 * `POST /v2/post/publish/content/init/` (`media_type=PHOTO`; scope `video.publish` for DIRECT_POST,
 * `video.upload` for MEDIA_UPLOAD; 6/min per token). Returns the `publish_id`; TikTok pulls the
 * images itself. Never retried, like every init.
 */
export async function initPhotoPost(options: InitPhotoPostOptions): Promise<{ publishId: string }> {
  const { accessToken, photoUrls, coverIndex, postMode, postInfo, signal } = options;
  if (photoUrls.length < 1 || photoUrls.length > MAX_PHOTOS) {
    throw new RangeError(`A photo post has 1 to ${MAX_PHOTOS} images, got ${photoUrls.length}`);
  }
  if (!Number.isInteger(coverIndex) || coverIndex < 0 || coverIndex >= photoUrls.length) {
    throw new RangeError(`coverIndex ${coverIndex} is not an index into the ${photoUrls.length} images`);
  }
  const direct = options.postMode === 'DIRECT_POST' ? options.postInfo : undefined;
  const data = await openApiRequest({
    surface: 'content-posting',
    method: 'POST',
    path: '/v2/post/publish/content/init/',
    accessToken,
    json: {
      media_type: 'PHOTO',
      post_mode: postMode,
      post_info: {
        ...(postInfo.title === undefined ? {} : { title: postInfo.title }),
        ...(postInfo.description === undefined ? {} : { description: postInfo.description }),
        ...(direct ? { privacy_level: direct.privacyLevel } : {}),
        ...(direct?.disableComment === undefined ? {} : { disable_comment: direct.disableComment }),
        ...(direct?.autoAddMusic === undefined ? {} : { auto_add_music: direct.autoAddMusic }),
        brand_content_toggle: postInfo.brandContentToggle,
        brand_organic_toggle: postInfo.brandOrganicToggle,
      },
      source_info: { source: 'PULL_FROM_URL', photo_images: photoUrls, photo_cover_index: coverIndex },
    },
    data: initResponseSchema,
    signal,
  });
  return { publishId: data.publish_id };
}
