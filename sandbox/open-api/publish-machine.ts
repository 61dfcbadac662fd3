import { rm } from 'node:fs/promises';
import type { SandboxContext } from '../core/context';
import { stringifyWithInt64 } from '../core/int64-json';
import { emitDevWebhook } from '../dev-webhooks/emit-dev-webhook';
import { makeVideo, newItemId } from './make-video';
import { checkPhotoFile, checkVideoFile } from './media-check';
import { type PublishRecord, publishStore } from './publish-store';

const PROCESSING = new Set(['PROCESSING_UPLOAD', 'PROCESSING_DOWNLOAD']);

/**
 * Drives publish tasks: bytes in → processing for `publishStageMs` → PUBLISH_COMPLETE,
 * SEND_TO_USER_INBOX or FAILED → (public Direct Posts) moderation → post id. Transitions are
 * evaluated against the sandbox clock whenever someone looks, and by timers for webhooks.
 */
export class PublishMachine {
  private timers = new Set<NodeJS.Timeout>();

  constructor(private ctx: SandboxContext) {}

  private get store() {
    return publishStore(this.ctx);
  }

  /** All bytes arrived: check the media now, reveal the verdict after one processing stage. */
  async bytesReceived(record: PublishRecord, files: string[]) {
    let verdict: { failReason: string | null; durationSeconds: number | null } = {
      failReason: null,
      durationSeconds: null,
    };
    for (const file of files) {
      const result = record.media === 'video' ? await checkVideoFile(file) : await checkPhotoFile(file);
      if (result.failReason || result.durationSeconds !== null) verdict = result;
      if (result.failReason) break;
    }
    await Promise.all(files.map((file) => rm(file, { force: true })));
    record.filePath = null;
    const armed = this.store.armed.get(record.userId)?.shift();
    if (armed && 'stall' in armed) record.stalled = true;
    else if (armed) verdict = { ...verdict, failReason: armed.failReason };
    record.pending = verdict;
    // A stalled post never leaves processing by itself; the control API finishes or fails it.
    record.dueAtMs = record.stalled ? null : this.ctx.clock.nowMs() + this.ctx.config.publishStageMs;
    if (record.dueAtMs !== null) this.schedule(record.dueAtMs);
    this.ctx.markDirty();
  }

  advanceAll() {
    for (const record of this.store.records.values()) this.advance(record);
  }

  advance(record: PublishRecord) {
    const now = this.ctx.clock.nowMs();
    if (PROCESSING.has(record.status) && record.pending && record.dueAtMs !== null && record.dueAtMs <= now) {
      if (record.pending.failReason) this.fail(record, record.pending.failReason);
      else if (record.mode === 'inbox') this.deliverToInbox(record);
      else this.complete(record);
    }
    if (record.moderationDueAtMs !== null && record.moderationDueAtMs <= now) {
      record.moderationDueAtMs = null;
      this.makePublic(record);
    }
  }

  fail(record: PublishRecord, reason: string) {
    if (record.status === 'FAILED' || record.status === 'PUBLISH_COMPLETE') return;
    record.stalled = false;
    record.status = 'FAILED';
    record.failReason = reason;
    record.moderationDueAtMs = null;
    if (record.filePath) void rm(record.filePath, { force: true });
    this.emit(record, 'post.publish.failed', { reason });
  }

  /** Direct Post finished, or the user posted an inbox draft from the TikTok app. */
  complete(record: PublishRecord, privacyLevel?: string) {
    if (record.status === 'FAILED') return;
    record.stalled = false;
    record.status = 'PUBLISH_COMPLETE';
    if (privacyLevel) record.privacyLevel = privacyLevel;
    this.emit(record, 'post.publish.complete', {});
    // Only public posts get ids, after moderation (TikTok: under a minute, sometimes hours).
    if (record.privacyLevel === 'PUBLIC_TO_EVERYONE') {
      record.moderationDueAtMs = this.ctx.clock.nowMs() + this.ctx.config.publishStageMs;
      this.schedule(record.moderationDueAtMs);
    }
  }

  makePublic(record: PublishRecord) {
    if (record.status !== 'PUBLISH_COMPLETE' || record.publiclyAvailable) return;
    const postId = record.postIds[0] ?? newItemId();
    if (!record.postIds.includes(postId)) record.postIds.push(postId);
    record.publiclyAvailable = true;
    const user = this.ctx.users.get(record.userId);
    if (user && record.media === 'video' && !user.videos.some((v) => v.id === postId)) {
      const createTime = this.ctx.clock.nowSeconds();
      const duration = record.pending?.durationSeconds ?? undefined;
      user.videos.push(
        makeVideo({
          user,
          publicUrl: this.ctx.config.publicUrl,
          createTime,
          title: record.title,
          id: postId,
          durationSeconds: duration,
        }),
      );
      user.stats.videos += 1;
    }
    this.emit(record, 'post.publish.publicly_available', { post_id: postId });
  }

  makePrivate(record: PublishRecord) {
    const postId = record.postIds[0];
    if (!record.publiclyAvailable || !postId) return;
    record.publiclyAvailable = false;
    const user = this.ctx.users.get(record.userId);
    if (user) user.videos = user.videos.filter((video) => video.id !== postId);
    this.emit(record, 'post.publish.no_longer_publicaly_available', { post_id: postId });
  }

  private deliverToInbox(record: PublishRecord) {
    record.status = 'SEND_TO_USER_INBOX';
    this.emit(record, 'post.publish.inbox_delivered', {});
  }

  private emit(
    record: PublishRecord,
    event: Parameters<typeof emitDevWebhook>[1]['event'],
    extra: Record<string, unknown>,
  ) {
    const user = this.ctx.users.get(record.userId);
    this.ctx.markDirty();
    if (!user) return;
    // INBOX_SHARE is documented; the Direct Post value is not, DIRECT_POST mirrors the post_mode value.
    const publishType = record.mode === 'inbox' ? 'INBOX_SHARE' : 'DIRECT_POST';
    const content = stringifyWithInt64(
      { publish_id: record.publishId, ...extra, publish_type: publishType },
      ['post_id'],
    );
    emitDevWebhook(this.ctx, { event, openId: user.openId, content, appId: record.appId });
  }

  private schedule(atMs: number) {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.advanceAll();
      },
      Math.max(0, atMs - this.ctx.clock.nowMs()) + 5,
    );
    timer.unref();
    this.timers.add(timer);
  }

  clearTimers() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

const machines = new WeakMap<SandboxContext, PublishMachine>();

export function publishMachine(ctx: SandboxContext): PublishMachine {
  let machine = machines.get(ctx);
  if (!machine) {
    machine = new PublishMachine(ctx);
    machines.set(ctx, machine);
  }
  return machine;
}
