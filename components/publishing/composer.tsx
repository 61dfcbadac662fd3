'use client';

import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { CharacterCount, Textarea } from '@/components/ui/textarea';
import { UploadProgressBar } from '@/components/uploads/upload-progress-bar';
import { useUpload } from '@/components/uploads/use-upload';
import { WorkspaceIdField } from '@/components/workspace/workspace-id-field';
import type { PostTargetSettings } from '@/lib/db/schema/posts';
import { countCaption } from '@/lib/publishing/caption-length';
import { evaluateDisclosure, privacyProblem, TIKTOK_LEGAL_LINKS } from '@/lib/publishing/disclosure-rules';
import type { EditablePost } from '@/lib/publishing/get-post-for-edit';
import { checkVideoFacts, type VideoFacts } from '@/lib/publishing/media-rules';
import { AccountSettingsCard } from './account-settings-card';
import { PhotoInput, PhotoList, type PickedPhoto, pickPhotos } from './photo-picker';
import { probeVideo } from './probe-video';
import { useCreatorInfo } from './use-creator-info';

export type ComposerAccount = {
  id: string;
  kind: 'creator' | 'business' | 'ads';
  label: string;
  status: string;
};

const EMPTY_SETTINGS: PostTargetSettings = {
  privacyLevel: null,
  allowComment: false,
  allowDuet: false,
  allowStitch: false,
  disclosure: { enabled: false, yourBrand: false, brandedContent: false },
  isAigc: false,
};

/**
 * The "Post to TikTok" screen. Follows TikTok's Content Sharing Guidelines by construction: fresh
 * creator_info per account with its nickname, no default privacy, nothing pre-checked, disclosure
 * rules and label, the consent sentence always above the Post button, a plain preview of the media,
 * and media sent only after the Post click (the upload to our storage before that is ours).
 */
export function Composer({
  accounts,
  workspaceId,
  timeZone,
  editing,
}: {
  accounts: ComposerAccount[];
  workspaceId: string;
  timeZone: string;
  /** A scheduled post or draft to change: its media is kept, everything else can change. */
  editing?: EditablePost;
}) {
  const [kind, setKind] = useState<'video' | 'photo'>(editing?.kind ?? 'video');
  const [mode, setMode] = useState<'direct' | 'inbox'>(editing?.mode ?? 'direct');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [photoProblem, setPhotoProblem] = useState<string | null>(null);
  const [coverIndex, setCoverIndex] = useState(editing?.coverIndex ?? 0);
  const [description, setDescription] = useState(editing?.description ?? '');
  const [selected, setSelected] = useState<string[]>(editing?.targets.map((t) => t.accountId) ?? []);
  const [settings, setSettings] = useState<Record<string, PostTargetSettings>>(
    Object.fromEntries(editing?.targets.map((t) => [t.accountId, t.settings]) ?? []),
  );
  const [caption, setCaption] = useState(editing?.caption ?? '');
  const [facts, setFacts] = useState<(VideoFacts & { previewUrl: string }) | null>(null);
  const [when, setWhen] = useState<'now' | 'later'>(editing?.scheduledAt ? 'later' : 'now');
  const [scheduleAt, setScheduleAt] = useState(
    editing?.scheduledAt ? format(new TZDate(editing.scheduledAt, timeZone), "yyyy-MM-dd'T'HH:mm") : '',
  );
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [posted, setPosted] = useState<{ scheduled: boolean } | null>(null);
  const upload = useUpload({ purpose: 'video', workspaceId });
  const creators = useCreatorInfo(selected, workspaceId);

  const captionCount = countCaption(kind === 'photo' ? 'photoTitle' : 'videoCaption', caption);
  const descriptionCount = countCaption('photoDescription', description);
  const strictestMax = Math.min(
    ...selected.map((id) => creators[id]?.creator?.maxVideoPostDurationSec ?? Number.POSITIVE_INFINITY),
  );
  const mediaProblems =
    kind === 'video' && facts
      ? checkVideoFacts(
          { ...facts, codec: null },
          { maxVideoPostDurationSec: Number.isFinite(strictestMax) ? strictestMax : null },
        ).filter(
          (p) =>
            !(facts.durationSeconds === null && (p.code === 'no_duration' || p.code === 'no_video_track')),
        )
      : [];

  const problems = useMemo(() => {
    const list: string[] = [];
    if (editing) {
      // The media was checked when the post was first saved, and is checked again before it posts.
    } else if (kind === 'video') {
      if (!upload.media)
        list.push(upload.status === 'uploading' ? 'Wait for the upload to finish.' : 'Add a video.');
      if (mediaProblems.length > 0) list.push(...mediaProblems.map((p) => p.message));
    } else if (photos.length === 0) list.push('Add photos.');
    else if (photos.some((p) => p.error)) list.push('A photo did not upload: resume it or remove it.');
    else if (photos.some((p) => !p.media)) list.push('Wait for the uploads to finish.');
    if (selected.length === 0) list.push('Choose at least one account.');
    if (kind === 'video' && mode === 'direct' && captionCount.over) list.push('The caption is too long.');
    if (kind === 'photo' && captionCount.over) list.push('The title is too long.');
    if (kind === 'photo' && descriptionCount.over) list.push('The description is too long.');
    for (const id of selected) {
      const state = creators[id];
      const s = settings[id] ?? EMPTY_SETTINGS;
      if (!state?.creator) list.push('Waiting for TikTok to say what this account can post.');
      else if (state.creator.blocked) list.push(state.creator.blocked);
      else if (mode === 'direct') {
        const privacy = privacyProblem(s.privacyLevel, state.creator.privacyLevelOptions, s.disclosure);
        if (privacy) list.push(privacy);
        const disclosure = evaluateDisclosure(s.disclosure).problem;
        if (disclosure) list.push(disclosure);
      } else if (state.creator.pendingSharesLeft === 0)
        list.push('This account has no pending drafts left today.');
    }
    if (when === 'later' && !scheduleAt) list.push('Choose when to post.');
    return [...new Set(list)];
  }, [
    editing,
    kind,
    upload,
    photos,
    mediaProblems,
    selected,
    mode,
    captionCount.over,
    descriptionCount.over,
    creators,
    settings,
    when,
    scheduleAt,
  ]);
  const hasMedia = editing ? true : kind === 'video' ? Boolean(upload.media) : photos.length > 0;

  const anyBranded = selected.some(
    (id) =>
      mode === 'direct' &&
      evaluateDisclosure((settings[id] ?? EMPTY_SETTINGS).disclosure).consent === 'branded',
  );

  async function pickFile(file: File | undefined) {
    if (!file) return;
    setPosted(null);
    const probed = await probeVideo(file);
    setFacts(probed);
    const blocking = checkVideoFacts({ ...probed, codec: null }).filter(
      (p) => p.code === 'unsupported_format' || p.code === 'too_large',
    );
    if (blocking.length === 0) await upload.start(file);
  }

  async function submit() {
    setSubmitting(true);
    setSubmitError(null);
    try {
      const scheduledAt = when === 'later' ? toZonedIso(scheduleAt, timeZone) : null;
      const response = await fetch(
        editing ? `/api/publishing/posts/${encodeURIComponent(editing.id)}` : '/api/publishing/posts',
        {
          method: editing ? 'PATCH' : 'POST',
          headers: { 'content-type': 'application/json', 'x-workspace-id': workspaceId },
          body: JSON.stringify({
            kind,
            mode,
            mediaIds: editing
              ? editing.media.map((m) => m.id)
              : kind === 'video'
                ? [upload.media?.id]
                : photos.map((p) => p.media?.id),
            caption: kind === 'photo' || mode === 'direct' ? caption : '',
            description: kind === 'photo' ? description : '',
            coverIndex: kind === 'photo' ? coverIndex : 0,
            scheduledAt,
            targets: selected.map((accountId) => {
              const chosen = settings[accountId] ?? EMPTY_SETTINGS;
              // Photos take comments only: duet and stitch are video features.
              const sent = kind === 'photo' ? { ...chosen, allowDuet: false, allowStitch: false } : chosen;
              return { accountId, settings: sent };
            }),
          }),
        },
      );
      const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
      if (!response.ok) throw new Error(body.error?.message ?? 'The post could not be saved. Try again.');
      setPosted({ scheduled: Boolean(scheduledAt) });
    } catch (error) {
      setSubmitError(error instanceof Error ? error.message : 'The post could not be saved. Try again.');
    } finally {
      setSubmitting(false);
    }
  }

  if (posted) {
    return (
      <Alert variant="success" role="status">
        <AlertTitle>
          {editing
            ? 'Changes saved.'
            : posted.scheduled
              ? 'Scheduled.'
              : mode === 'inbox'
                ? 'Sent to TikTok.'
                : 'Posted to TikTok.'}
        </AlertTitle>
        <AlertDescription>
          <p>
            {mode === 'inbox'
              ? 'The creator gets a notification in the TikTok app to finish the post there. It may take a few minutes to appear.'
              : 'It may take a few minutes to appear on TikTok.'}{' '}
            <Link href="/publish" className="underline">
              Follow its status
            </Link>
            .
          </p>
        </AlertDescription>
      </Alert>
    );
  }

  return (
    <form
      className="grid gap-6 lg:grid-cols-[1fr_20rem]"
      onSubmit={(event) => {
        event.preventDefault();
        if (problems.length === 0) void submit();
      }}
    >
      <WorkspaceIdField />
      <div className="space-y-6">
        {editing ? (
          <section className="space-y-1" data-testid="kept-media">
            <p className="text-sm font-medium">{editing.kind === 'video' ? 'Video' : 'Photos'}</p>
            <p className="text-sm text-muted-foreground">
              {editing.media.map((m) => m.fileName).join(', ')} (kept; to use other media, cancel this post
              and compose a new one).
            </p>
          </section>
        ) : (
          <>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium">What</legend>
              <RadioChoice
                name="kind"
                value="video"
                checked={kind === 'video'}
                onChange={() => setKind('video')}
                label="A video"
              />
              <RadioChoice
                name="kind"
                value="photo"
                checked={kind === 'photo'}
                onChange={() => setKind('photo')}
                label="Photos (1 to 35, shown as a swipeable post)"
              />
            </fieldset>

            {kind === 'video' ? (
              <section className="space-y-2">
                <Label htmlFor="video-file">Video</Label>
                <Input
                  id="video-file"
                  type="file"
                  accept="video/mp4,video/quicktime,video/webm"
                  onChange={(event) => void pickFile(event.target.files?.[0])}
                />
                <p className="text-xs text-muted-foreground">
                  MP4, MOV or WebM, up to 4 GB, 360–4096 px each side.
                </p>
                {upload.file && upload.status !== 'done' ? (
                  <UploadProgressBar
                    progress={upload.progress}
                    label={upload.file.name}
                    paused={upload.status === 'paused'}
                  />
                ) : null}
                {upload.status === 'done' ? (
                  <p className="text-sm text-success-text">Uploaded {upload.file?.name}.</p>
                ) : null}
                {upload.error ? (
                  <p role="alert" className="text-sm text-destructive-text">
                    {upload.error}{' '}
                    {upload.canResume ? (
                      <Button type="button" variant="link" size="sm" onClick={() => void upload.resume()}>
                        Resume
                      </Button>
                    ) : null}
                  </p>
                ) : null}
                {mediaProblems.map((p) => (
                  <p key={p.code} role="alert" className="text-sm text-destructive-text">
                    {p.message}
                  </p>
                ))}
              </section>
            ) : (
              <section className="space-y-2">
                <Label htmlFor="photo-files">Photos</Label>
                <PhotoInput
                  onFiles={(files) => {
                    setPosted(null);
                    const { added, problem } = pickPhotos(photos, files);
                    setPhotoProblem(problem);
                    setPhotos((all) => [...all, ...added]);
                  }}
                />
                <p className="text-xs text-muted-foreground">
                  JPEG or WebP (PNG is converted to JPEG), up to 20 MB each, 1 to 35 photos. They post in this
                  order.
                </p>
                {photoProblem ? (
                  <p role="alert" className="text-sm text-destructive-text">
                    {photoProblem}
                  </p>
                ) : null}
                <PhotoList
                  photos={photos}
                  workspaceId={workspaceId}
                  coverIndex={coverIndex}
                  onCover={setCoverIndex}
                  onMove={(index, by) => {
                    setPhotos((all) => moveItem(all, index, index + by));
                    setCoverIndex((cover) =>
                      cover === index ? index + by : cover === index + by ? index : cover,
                    );
                  }}
                  onRemove={(key) => {
                    const index = photos.findIndex((p) => p.key === key);
                    setPhotos((all) => all.filter((p) => p.key !== key));
                    setCoverIndex((cover) => (cover > index ? cover - 1 : cover === index ? 0 : cover));
                  }}
                  onUploaded={(key, media, error) =>
                    setPhotos((all) => all.map((p) => (p.key === key ? { ...p, media, error } : p)))
                  }
                />
              </section>
            )}
          </>
        )}

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Post to</legend>
          {accounts.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              Connect a creator account first.{' '}
              <Link className="underline" href="/accounts">
                Accounts
              </Link>
            </p>
          ) : null}
          {accounts.map((account) => {
            const publishable = account.kind === 'creator' && account.status === 'active';
            return (
              <div key={account.id} className="flex items-start gap-2">
                <Checkbox
                  id={`account-${account.id}`}
                  checked={selected.includes(account.id)}
                  disabled={!publishable}
                  onCheckedChange={(v) =>
                    setSelected((s) =>
                      v === true ? [...s, account.id] : s.filter((id) => id !== account.id),
                    )
                  }
                />
                <Label htmlFor={`account-${account.id}`} className="font-normal">
                  {account.label}
                  {account.kind === 'business' ? (
                    <span className="block text-xs text-muted-foreground">
                      Business accounts cannot publish through Login Kit. Connect the creator account to post.
                    </span>
                  ) : account.status !== 'active' ? (
                    <span className="block text-xs text-muted-foreground">
                      Reconnect this account to post.
                    </span>
                  ) : null}
                </Label>
              </div>
            );
          })}
        </fieldset>

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">How</legend>
          <RadioChoice
            name="mode"
            value="direct"
            checked={mode === 'direct'}
            onChange={() => setMode('direct')}
            label="Post directly"
          />
          <RadioChoice
            name="mode"
            value="inbox"
            checked={mode === 'inbox'}
            onChange={() => setMode('inbox')}
            label="Send to the creator’s TikTok inbox as a draft (they finish in the TikTok app)"
          />
        </fieldset>

        {kind === 'photo' ? (
          <div className="space-y-3">
            <div className="space-y-1.5">
              <Label htmlFor="caption">Title</Label>
              <Input id="caption" value={caption} onChange={(event) => setCaption(event.target.value)} />
              <div className="flex justify-end">
                <CharacterCount
                  count={captionCount.used}
                  max={captionCount.limit}
                  data-testid="caption-count"
                />
              </div>
            </div>
            <div className="space-y-1.5">
              <Label htmlFor="description">Description</Label>
              <Textarea
                id="description"
                value={description}
                onChange={(event) => setDescription(event.target.value)}
                placeholder="Say something about these photos. #hashtags and @mentions work."
              />
              <div className="flex justify-end">
                <CharacterCount
                  count={descriptionCount.used}
                  max={descriptionCount.limit}
                  data-testid="description-count"
                />
              </div>
            </div>
          </div>
        ) : mode === 'direct' ? (
          <div className="space-y-1.5">
            <Label htmlFor="caption">Caption</Label>
            <Textarea
              id="caption"
              value={caption}
              onChange={(event) => setCaption(event.target.value)}
              placeholder="Say something about this video. #hashtags and @mentions work."
            />
            <div className="flex justify-end">
              <CharacterCount
                count={captionCount.used}
                max={captionCount.limit}
                data-testid="caption-count"
              />
            </div>
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">
            Inbox drafts carry no caption: the creator writes it in the TikTok app.
          </p>
        )}

        {selected.map((accountId) => {
          const account = accounts.find((a) => a.id === accountId);
          return (
            <AccountSettingsCard
              key={accountId}
              accountLabel={account?.label ?? accountId}
              creator={creators[accountId]?.creator ?? null}
              error={creators[accountId]?.error ?? null}
              settings={settings[accountId] ?? EMPTY_SETTINGS}
              onChange={(next) => setSettings((all) => ({ ...all, [accountId]: next }))}
              kind={kind}
              mode={mode}
            />
          );
        })}

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">When</legend>
          <RadioChoice
            name="when"
            value="now"
            checked={when === 'now'}
            onChange={() => setWhen('now')}
            label="Post now"
          />
          <RadioChoice
            name="when"
            value="later"
            checked={when === 'later'}
            onChange={() => setWhen('later')}
            label={`Schedule (${timeZone})`}
          />
          {when === 'later' ? (
            <Input
              aria-label={`Date and time in ${timeZone}`}
              type="datetime-local"
              value={scheduleAt}
              onChange={(event) => setScheduleAt(event.target.value)}
            />
          ) : null}
        </fieldset>

        <div className="space-y-3 border-t pt-4">
          <p className="text-sm" data-testid="consent">
            {anyBranded ? (
              <>
                By posting, you agree to TikTok&apos;s{' '}
                <a
                  className="underline"
                  href={TIKTOK_LEGAL_LINKS.brandedContentPolicy}
                  target="_blank"
                  rel="noreferrer"
                >
                  Branded Content Policy
                </a>{' '}
                and{' '}
                <a
                  className="underline"
                  href={TIKTOK_LEGAL_LINKS.musicUsageConfirmation}
                  target="_blank"
                  rel="noreferrer"
                >
                  Music Usage Confirmation
                </a>
                .
              </>
            ) : (
              <>
                By posting, you agree to TikTok&apos;s{' '}
                <a
                  className="underline"
                  href={TIKTOK_LEGAL_LINKS.musicUsageConfirmation}
                  target="_blank"
                  rel="noreferrer"
                >
                  Music Usage Confirmation
                </a>
                .
              </>
            )}
          </p>
          {problems.length > 0 && hasMedia ? (
            <p className="text-sm text-muted-foreground">{problems[0]}</p>
          ) : null}
          {submitError ? (
            <p role="alert" className="text-sm text-destructive-text">
              {submitError}
            </p>
          ) : null}
          <Button type="submit" disabled={problems.length > 0 || submitting}>
            {submitting
              ? editing
                ? 'Saving…'
                : 'Posting…'
              : editing
                ? when === 'later'
                  ? 'Save changes'
                  : 'Save and post now'
                : when === 'later'
                  ? 'Schedule'
                  : 'Post'}
          </Button>
        </div>
      </div>

      <aside className="space-y-2">
        <p className="text-sm font-medium">Preview</p>
        {editing ? (
          editing.kind === 'video' ? (
            <video
              src={editing.media[0]?.url}
              controls
              muted
              playsInline
              className="aspect-[9/16] w-full rounded-lg bg-black object-contain"
              data-testid="preview"
            />
          ) : (
            // biome-ignore lint/performance/noImgElement: our media route, not an optimisable asset
            <img
              src={editing.media[editing.coverIndex]?.url}
              alt={`Cover: ${editing.media[editing.coverIndex]?.fileName ?? ''}`}
              className="aspect-[9/16] w-full rounded-lg bg-black object-contain"
              data-testid="preview"
            />
          )
        ) : kind === 'photo' ? (
          photos[coverIndex] ? (
            // biome-ignore lint/performance/noImgElement: a local blob preview, not an optimisable asset
            <img
              src={photos[coverIndex]!.previewUrl}
              alt={`Cover: ${photos[coverIndex]!.file.name}, as it will be sent`}
              className="aspect-[9/16] w-full rounded-lg bg-black object-contain"
              data-testid="preview"
            />
          ) : (
            <div className="flex aspect-[9/16] w-full items-center justify-center rounded-lg border border-dashed text-sm text-muted-foreground">
              The cover photo appears here as it will be sent, with nothing added.
            </div>
          )
        ) : facts ? (
          <video
            src={facts.previewUrl}
            controls
            muted
            playsInline
            className="aspect-[9/16] w-full rounded-lg bg-black object-contain"
            data-testid="preview"
          />
        ) : (
          <div className="flex aspect-[9/16] w-full items-center justify-center rounded-lg border border-dashed text-sm text-muted-foreground">
            The video appears here as it will be sent, with nothing added.
          </div>
        )}
      </aside>
    </form>
  );
}

function RadioChoice(props: {
  name: string;
  value: string;
  checked: boolean;
  onChange: () => void;
  label: string;
}) {
  const id = `${props.name}-${props.value}`;
  return (
    <div className="flex items-center gap-2">
      <input
        id={id}
        type="radio"
        name={props.name}
        value={props.value}
        checked={props.checked}
        onChange={props.onChange}
        className="size-4 accent-current"
      />
      <Label htmlFor={id} className="font-normal">
        {props.label}
      </Label>
    </div>
  );
}

function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

/** "2026-12-24T09:30" read in the workspace's time zone → an ISO instant. */
function toZonedIso(local: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as number[];
  return new TZDate(y!, mo! - 1, d!, h!, mi!, timeZone).toISOString();
}
