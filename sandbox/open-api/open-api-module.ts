import { rmSync } from 'node:fs';
import type { ModuleFactory } from '../core/context';
import { loginKitState } from '../login-kit/login-kit-state';
import { registerCreatorInfoRoute } from './creator-info-route';
import { registerPhotoInitRoute } from './photo-init-route';
import { publishMachine } from './publish-machine';
import { publishStore } from './publish-store';
import { registerStatusRoutes } from './status-routes';
import { registerUploadRoute } from './upload-route';
import { registerUserInfoRoute } from './user-info-route';
import { registerVideoInitRoutes } from './video-init-routes';
import { registerVideoRoutes } from './video-routes';

/** Open API v2 on open.tiktokapis.com plus the upload host: user info, Display API, Content Posting. */
export const openApiModule: ModuleFactory = (ctx) => {
  const store = publishStore(ctx);
  const machine = publishMachine(ctx);
  // Revoking access while a post is processing fails it with auth_removed.
  loginKitState(ctx).onAuthorizationRemoved((auth) => {
    for (const record of store.records.values()) {
      const processing = record.status === 'PROCESSING_UPLOAD' || record.status === 'PROCESSING_DOWNLOAD';
      if (processing && record.appId === auth.appId && record.userId === auth.userId) {
        machine.fail(record, 'auth_removed');
      }
    }
  });
  return {
    name: 'open-api',
    register: (router) => {
      registerUserInfoRoute(router, ctx);
      registerCreatorInfoRoute(router, ctx);
      registerVideoInitRoutes(router, ctx);
      registerPhotoInitRoute(router, ctx);
      registerUploadRoute(router, ctx);
      registerStatusRoutes(router, ctx);
      registerVideoRoutes(router, ctx);
    },
    reset: () => {
      machine.clearTimers();
      for (const record of store.records.values())
        if (record.filePath) rmSync(record.filePath, { force: true });
      store.clear();
    },
    snapshot: () => store.snapshot(),
    restore: (data) => {
      store.restore(data as ReturnType<typeof store.snapshot>);
      // A download cut by the restart cannot resume: report it the way TikTok reports a broken pull.
      for (const record of store.records.values()) {
        if (record.status === 'PROCESSING_DOWNLOAD' && !record.pending) {
          machine.fail(record, record.media === 'video' ? 'video_pull_failed' : 'photo_pull_failed');
        }
      }
      // Stages that ended while the sandbox was down complete now (and send their webhooks).
      machine.advanceAll();
    },
  };
};
