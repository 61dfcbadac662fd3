import type { SandboxContext } from '../core/context';
import { control, readJson } from '../core/control-json';
import { sendJson } from '../core/http';
import type { Router } from '../core/router';
import { publishMachine } from '../open-api/publish-machine';
import { FAIL_REASONS, type PublishRecord, publishStore } from '../open-api/publish-store';

type Outcome = 'complete' | 'failed' | 'stall' | 'inbox_posted' | 'public' | 'private';

const failReasonProblem = (reason: unknown) =>
  reason === undefined || reason === null || FAIL_REASONS.includes(reason as never)
    ? null
    : `failReason must be one of ${FAIL_REASONS.join(', ')}`;

export function postView(record: PublishRecord) {
  const { uploadToken: _token, filePath: _file, ...rest } = record;
  return rest;
}

/** Control API for publish tasks: inspect them and force what TikTok (or the user) does next. */
export function registerPostRoutes(router: Router, ctx: SandboxContext) {
  const store = publishStore(ctx);
  const machine = publishMachine(ctx);

  router.add('GET', '/_sandbox/posts', control('posts.list'), ({ res }) => {
    machine.advanceAll();
    sendJson(res, 200, { posts: store.list().map(postView) });
  });

  router.add('GET', '/_sandbox/posts/:id', control('posts.get'), ({ res, params }) => {
    const record = store.records.get(params.id ?? '');
    if (!record) return sendJson(res, 404, { error: 'no such publish_id' });
    machine.advance(record);
    sendJson(res, 200, { post: postView(record) });
  });

  router.add(
    'POST',
    '/_sandbox/posts/:id/outcome',
    control('posts.outcome'),
    async ({ req, res, params }) => {
      const record = store.records.get(params.id ?? '');
      if (!record) return sendJson(res, 404, { error: 'no such publish_id' });
      const body = await readJson<{ outcome?: Outcome; failReason?: string; privacyLevel?: string }>(req);
      const problem = failReasonProblem(body.failReason);
      if (problem) return sendJson(res, 400, { error: problem });
      machine.advance(record);
      const error = applyOutcome(ctx, record, body);
      if (error) return sendJson(res, 409, { error });
      sendJson(res, 200, { post: postView(record) });
    },
  );

  // Arms the next post(s) of a user, applied once their bytes are in: fail with a reason (null =
  // succeed), or stall in processing forever.
  router.add('POST', '/_sandbox/posts/arm', control('posts.arm'), async ({ req, res }) => {
    const body = await readJson<{
      userId?: string;
      openId?: string;
      failReason?: string | null;
      stall?: boolean;
      count?: number;
    }>(req);
    const user = body.userId ? ctx.users.get(body.userId) : ctx.users.byOpenId(body.openId ?? '');
    if (!user) return sendJson(res, 404, { error: 'no such user' });
    const problem = failReasonProblem(body.failReason);
    if (problem) return sendJson(res, 400, { error: problem });
    const queue = store.armed.get(user.id) ?? [];
    for (let i = 0; i < (body.count ?? 1); i++)
      queue.push(body.stall ? { stall: true } : { failReason: body.failReason ?? null });
    store.armed.set(user.id, queue);
    sendJson(res, 200, { armed: queue });
  });
}

function applyOutcome(
  ctx: SandboxContext,
  record: PublishRecord,
  body: { outcome?: Outcome; failReason?: string; privacyLevel?: string },
): string | null {
  const machine = publishMachine(ctx);
  const processing = record.status === 'PROCESSING_UPLOAD' || record.status === 'PROCESSING_DOWNLOAD';
  switch (body.outcome) {
    case 'failed':
      if (!processing && record.status !== 'SEND_TO_USER_INBOX') return 'only unfinished posts can fail';
      machine.fail(record, body.failReason ?? 'internal');
      return null;
    case 'stall':
      if (!processing) return 'only processing posts can stall';
      // Stalls now if the bytes are in, else as soon as they are.
      record.stalled = true;
      record.dueAtMs = null;
      return null;
    case 'complete':
      if (!processing) return 'only processing posts can be completed';
      if (record.mode === 'inbox') {
        record.status = 'SEND_TO_USER_INBOX';
        return null;
      }
      machine.complete(record);
      return null;
    case 'inbox_posted':
      if (record.status !== 'SEND_TO_USER_INBOX') return 'the post is not waiting in the inbox';
      // The user finishes the draft in the TikTok app and picks the audience there.
      machine.complete(record, body.privacyLevel ?? 'PUBLIC_TO_EVERYONE');
      return null;
    case 'public':
      if (record.status !== 'PUBLISH_COMPLETE') return 'only published posts can become public';
      record.moderationDueAtMs = null;
      machine.makePublic(record);
      return null;
    case 'private':
      if (!record.publiclyAvailable) return 'the post is not public';
      machine.makePrivate(record);
      return null;
    default:
      return 'outcome must be complete, failed, stall, inbox_posted, public or private';
  }
}
