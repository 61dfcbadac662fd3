import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { ICONS } from '@/components/app-shell/nav-items';
import { LiveRefresh } from '@/components/live/live-refresh';
import { LiveStatus } from '@/components/live/live-status';
import { CancelPostButton } from '@/components/publishing/cancel-post-button';
import { PostCalendar } from '@/components/publishing/post-calendar';
import { TargetStatus } from '@/components/publishing/target-status';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { requireRoleForPage } from '@/lib/auth/require-role-for-page';
import { getDb } from '@/lib/db/client';
import { readSearchParams } from '@/lib/http/read-search-params';
import { getRequestLiveCursor } from '@/lib/live/get-request-live-cursor';
import { buildCalendar, dayKey } from '@/lib/publishing/calendar-grid';
import { listPosts, POST_FILTERS, type PostFilter } from '@/lib/publishing/list-posts';
import { now } from '@/lib/time/clock';
import { formatInZone } from '@/lib/time/format-dates';
import { getWorkspaceSettings } from '@/lib/workspaces/get-workspace-settings';

export const metadata: Metadata = { title: 'Publish' };

const FILTER_LABELS: Record<PostFilter, string> = {
  all: 'All',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  published: 'Published',
  failed: 'Needs attention',
};

export default async function PublishPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const context = requireRoleForPage(await requireWorkspaceForPage('/publish'), ['owner', 'admin']);
  const { user, workspace } = context;
  const params = readSearchParams(await searchParams, {
    filter: z.enum(POST_FILTERS),
    view: z.enum(['list', 'calendar']),
    range: z.enum(['week', 'month']),
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  });
  const filter = params.filter ?? 'all';
  const view = params.view ?? 'list';
  const range = params.range ?? 'week';
  const liveCursor = await getRequestLiveCursor();
  const db = await getDb();
  const settings = await getWorkspaceSettings(db, { workspaceId: workspace.id, userId: user.id });
  const grid =
    view === 'calendar'
      ? buildCalendar(params.day ?? dayKey(now(), settings.timeZone), range, settings.timeZone)
      : null;
  const posts = await listPosts(db, {
    workspaceId: workspace.id,
    userId: user.id,
    filter,
    between: grid ? { from: grid.from, to: grid.to } : undefined,
    limit: grid ? 500 : 100,
  });
  const filterHref = (value: PostFilter) => {
    const query = new URLSearchParams();
    if (value !== 'all') query.set('filter', value);
    if (view === 'calendar') {
      query.set('view', 'calendar');
      query.set('range', range);
      if (params.day) query.set('day', params.day);
    }
    return query.size > 0 ? `/publish?${query}` : '/publish';
  };
  return (
    <>
      <LiveRefresh types={['post.target_changed', 'post.changed']} since={liveCursor} />
      <PageHeader
        title="Publish"
        description={
          <span className="flex flex-wrap items-center gap-3">
            Compose, schedule and track posts.
            <LiveStatus />
          </span>
        }
        actions={
          <Button asChild>
            <Link href="/publish/new">New post</Link>
          </Button>
        }
      />
      <nav aria-label="View" className="mb-2 flex gap-2">
        <Button asChild size="sm" variant={view === 'list' ? 'secondary' : 'ghost'}>
          <Link href="/publish" aria-current={view === 'list' ? 'page' : undefined}>
            List
          </Link>
        </Button>
        <Button asChild size="sm" variant={view === 'calendar' ? 'secondary' : 'ghost'}>
          <Link href="/publish?view=calendar" aria-current={view === 'calendar' ? 'page' : undefined}>
            Calendar
          </Link>
        </Button>
      </nav>
      <nav aria-label="Filter posts" className="mb-4 flex flex-wrap gap-2">
        {POST_FILTERS.map((value) => (
          <Button key={value} asChild size="sm" variant={value === filter ? 'secondary' : 'ghost'}>
            <Link href={filterHref(value)} aria-current={value === filter ? 'page' : undefined}>
              {FILTER_LABELS[value]}
            </Link>
          </Button>
        ))}
      </nav>
      {grid ? (
        <PostCalendar grid={grid} posts={posts} timeZone={settings.timeZone} range={range} />
      ) : posts.length === 0 ? (
        <EmptyState
          icon={ICONS.publish}
          title={filter === 'all' ? 'Nothing posted yet' : 'No posts here'}
          action={
            <Button asChild>
              <Link href="/publish/new">New post</Link>
            </Button>
          }
        >
          <p>
            Post videos to one or many creator accounts, now or on a schedule, or send them to the creator’s
            TikTok inbox as drafts. Each post shows its status from upload to live.
          </p>
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {posts.map((post) => (
            <li key={post.id} className="space-y-2 rounded-lg border p-4" data-testid="post">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="truncate font-medium">
                    {post.caption ||
                      (post.mode === 'inbox' ? 'Inbox draft (caption added in TikTok)' : 'No caption')}
                  </p>
                  <p className="text-xs text-muted-foreground">
                    {post.kind === 'video' ? 'Video' : 'Photos'} ·{' '}
                    {post.mode === 'inbox' ? 'to the creator’s inbox' : 'direct post'} ·{' '}
                    {post.scheduledAt
                      ? `scheduled for ${formatInZone(post.scheduledAt, settings.timeZone)}`
                      : `created ${formatInZone(post.createdAt, settings.timeZone)}`}
                  </p>
                </div>
                {post.status === 'scheduled' || post.status === 'draft' ? (
                  <div className="flex gap-2">
                    {post.targets.every((t) => t.stage === 'scheduled') ? (
                      <Button asChild size="sm" variant="secondary">
                        <Link href={`/publish/${post.id}/edit`}>Edit</Link>
                      </Button>
                    ) : null}
                    <CancelPostButton postId={post.id} draft={post.status === 'draft'} />
                  </div>
                ) : null}
              </div>
              <ul className="space-y-1">
                {post.targets.map((target) => (
                  <TargetStatus key={target.id} target={target} pulls={post.source === 'PULL_FROM_URL'} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
