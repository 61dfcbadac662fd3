/** How long events are kept (`pruneLiveEvents`). */
export const LIVE_RETENTION_MS = 3 * 24 * 60 * 60 * 1000;
/**
 * A cursor handed out longer ago than this may point past pruned events: the client is told to
 * reload instead of resuming. An hour short of the retention, because an event's `created_at` is
 * its transaction's start, which can precede the moment it was read.
 */
export const LIVE_RESUME_WINDOW_MS = LIVE_RETENTION_MS - 60 * 60 * 1000;
/** Catching up further than this is slower than reloading: the client is told to reload. */
export const LIVE_MAX_CATCH_UP_EVENTS = 5000;
