import type { SandboxUser } from '../core/users';
import { ApiError, CODES } from './api-error';

/** The EEA (EU, Iceland, Liechtenstein, Norway), Switzerland and the UK. */
const RESTRICTED = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO CH GB'.split(
    ' ',
  ),
);

/** Business Messaging is unavailable for accounts registered there (business messaging reference 7.3). */
export function messagingRestricted(user: Pick<SandboxUser, 'region'> | undefined): boolean {
  return user !== undefined && RESTRICTED.has(user.region);
}

/** TikTok documents no code for this; the sandbox answers the permission error 40001. */
export function assertMessagingAvailable(user: Pick<SandboxUser, 'region'> | undefined) {
  if (messagingRestricted(user))
    throw new ApiError(
      CODES.noPermission,
      'Business Messaging is not available for accounts registered in the EEA, Switzerland or the UK.',
    );
}
