import { Badge, type BadgeVariant } from '@/components/ui/badge';
import type { PostTargetView } from '@/lib/publishing/list-posts';
import { TargetActions } from './target-actions';

const STAGES: Record<string, { label: string; variant: BadgeVariant }> = {
  scheduled: { label: 'Scheduled', variant: 'info' },
  queued: { label: 'Starting', variant: 'neutral' },
  uploading: { label: 'Uploading', variant: 'brand' },
  init_unknown: { label: 'Processing', variant: 'brand' },
  processing: { label: 'Processing', variant: 'brand' },
  published: { label: 'Published', variant: 'success' },
  inbox: { label: 'In the creator’s inbox', variant: 'success' },
  unconfirmed: { label: 'Unconfirmed', variant: 'warning' },
  failed: { label: 'Failed', variant: 'danger' },
  cancelled: { label: 'Cancelled', variant: 'neutral' },
};

/** One account's line of a post: stage (with upload %), the reason and Retry when it failed, the TikTok link when public. */
export function TargetStatus({ target, pulls }: { target: PostTargetView; pulls: boolean }) {
  const stage = STAGES[target.stage] ?? { label: target.stage, variant: 'neutral' as const };
  const percent = target.videoSize ? Math.floor((target.uploadedBytes / target.videoSize) * 100) : null;
  const handle = target.username ?? target.creatorUsername;
  const postId = target.postIds[0];
  return (
    <li
      className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm"
      data-testid="target-status"
      data-stage={target.stage}
    >
      <span className="font-medium">{handle ? `@${handle}` : (target.displayName ?? 'Account')}</span>
      <Badge variant={stage.variant}>
        {stage.label}
        {target.stage === 'uploading' && percent !== null ? ` ${percent} %` : ''}
      </Badge>
      {target.stage === 'published' && postId && handle ? (
        <a
          className="underline"
          href={`https://www.tiktok.com/@${handle}/video/${postId}`}
          target="_blank"
          rel="noreferrer"
        >
          View on TikTok
        </a>
      ) : null}
      {target.stage === 'unconfirmed' ? (
        <span className="text-muted-foreground">
          {target.failMessage}{' '}
          <a
            className="underline"
            href={handle ? `https://www.tiktok.com/@${handle}` : 'https://www.tiktok.com/'}
            target="_blank"
            rel="noreferrer"
          >
            Open TikTok
          </a>
        </span>
      ) : null}
      {target.stage === 'failed' ? <span className="text-destructive-text">{target.failMessage}</span> : null}
      <TargetActions
        targetId={target.id}
        stage={target.stage}
        failReason={target.failReason}
        cancellable={pulls && target.stage === 'processing'}
      />
    </li>
  );
}
