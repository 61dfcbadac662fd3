import type { SandboxContext } from '../core/context';
import { logId } from '../core/fault-response';
import { stringifyWithInt64 } from '../core/int64-json';
import type { Router } from '../core/router';
import type { LoginKitSession } from '../login-kit/resolve-login-kit-token';
import { addApiRoute } from './api-route';
import { ApiError } from './envelope';
import { publishMachine } from './publish-machine';
import { type PublishRecord, publishStore } from './publish-store';
import { abortDownload } from './start-publish';

/** POST /v2/post/publish/status/fetch/ and /v2/post/publish/cancel/. */
export function registerStatusRoutes(router: Router, ctx: SandboxContext) {
  addApiRoute(router, ctx, {
    method: 'POST',
    path: '/v2/post/publish/status/fetch',
    endpoint: 'open-api.status.fetch',
    anyScope: ['video.publish', 'video.upload'],
    handler: ({ session, body, res }) => {
      const record = ownedRecord(ctx, session, body.publish_id);
      publishMachine(ctx).advance(record);
      const data = {
        status: record.status,
        ...(record.failReason ? { fail_reason: record.failReason } : {}),
        // (sic) TikTok's field name; ids are int64 on the wire, so write them as bare numbers.
        publicaly_available_post_id: record.publiclyAvailable ? record.postIds : [],
        uploaded_bytes: record.uploadedBytes,
        downloaded_bytes: record.downloadedBytes,
      };
      const text = stringifyWithInt64({ data, error: { code: 'ok', message: '', log_id: logId() } }, [
        'publicaly_available_post_id',
      ]);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(text);
    },
  });

  addApiRoute(router, ctx, {
    method: 'POST',
    path: '/v2/post/publish/cancel',
    endpoint: 'open-api.cancel',
    anyScope: ['video.publish', 'video.upload'],
    handler: ({ session, body }) => {
      const record = ownedRecord(ctx, session, body.publish_id);
      publishMachine(ctx).advance(record);
      // Only a running PULL_FROM_URL download can be cancelled (best effort, like TikTok).
      if (record.status !== 'PROCESSING_DOWNLOAD' || record.pending) {
        throw new ApiError('publish_not_cancellable', 'This publish task can no longer be cancelled.');
      }
      publishMachine(ctx).fail(record, 'publish_cancelled');
      abortDownload(ctx, record.publishId);
      return {};
    },
  });
}

function ownedRecord(ctx: SandboxContext, session: LoginKitSession, publishId: unknown): PublishRecord {
  const record = typeof publishId === 'string' ? publishStore(ctx).records.get(publishId) : undefined;
  if (!record) throw new ApiError('invalid_publish_id', 'publish_id is missing or unknown.');
  if (record.userId !== session.user.id || record.appId !== session.appId) {
    throw new ApiError(
      'token_not_authorized_for_specified_publish_id',
      'The access token is not authorized for this publish_id.',
    );
  }
  return record;
}
