'use client';

import { Alert, AlertDescription } from '@/components/ui/alert';
import { Checkbox } from '@/components/ui/checkbox';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { Switch } from '@/components/ui/switch';
import type { PostTargetSettings } from '@/lib/db/schema/posts';
import { DISCLOSURE_TEXTS, evaluateDisclosure, privacyLabel } from '@/lib/publishing/disclosure-rules';
import type { ComposerCreator } from '@/lib/publishing/get-composer-creator';

export type AccountSettingsCardProps = {
  accountLabel: string;
  creator: ComposerCreator | null;
  error: string | null;
  settings: PostTargetSettings;
  onChange: (settings: PostTargetSettings) => void;
  kind: 'video' | 'photo';
  mode: 'direct' | 'inbox';
};

/**
 * One account's choices, in the order and words of TikTok's Direct Post guidelines: who posts
 * (nickname), privacy with no default, interaction switches none pre-checked (greyed out where the
 * creator turned them off), commercial content disclosure off by default, AI-generated label.
 */
export function AccountSettingsCard({
  accountLabel,
  creator,
  error,
  settings,
  onChange,
  kind,
  mode,
}: AccountSettingsCardProps) {
  const disclosure = evaluateDisclosure(settings.disclosure);
  const set = (patch: Partial<PostTargetSettings>) => onChange({ ...settings, ...patch });
  const setDisclosure = (patch: Partial<PostTargetSettings['disclosure']>) =>
    set({ disclosure: { ...settings.disclosure, ...patch } });
  const id = (name: string) => `${accountLabel.replace(/\W/g, '')}-${name}`;

  if (error) {
    return (
      <Alert variant="danger" role="alert">
        <AlertDescription>{error}</AlertDescription>
      </Alert>
    );
  }
  if (!creator)
    return <p className="text-sm text-muted-foreground">Checking what {accountLabel} can post…</p>;

  return (
    <section
      aria-label={`Settings for ${accountLabel}`}
      className="space-y-4 rounded-lg border p-4"
      data-testid="account-settings"
    >
      <div className="flex items-center gap-3">
        {creator.avatarUrl ? (
          // biome-ignore lint/performance/noImgElement: TikTok's avatar URL expires in two hours; next/image would cache it.
          <img src={creator.avatarUrl} alt="" className="size-9 rounded-full" />
        ) : null}
        <p className="text-sm">
          Posting to TikTok as{' '}
          <strong data-testid="creator-nickname">{creator.nickname ?? accountLabel}</strong>
          {creator.username ? <span className="text-muted-foreground"> (@{creator.username})</span> : null}
        </p>
      </div>
      {creator.blocked ? (
        <Alert variant="warning" role="alert">
          <AlertDescription>{creator.blocked} Try again later.</AlertDescription>
        </Alert>
      ) : null}

      {mode === 'direct' ? (
        <div className="space-y-1.5">
          <Label htmlFor={id('privacy')}>Who can view this post</Label>
          <NativeSelect
            id={id('privacy')}
            value={settings.privacyLevel ?? ''}
            onChange={(event) => set({ privacyLevel: event.target.value || null })}
            required
          >
            <option value="" disabled>
              Choose who can view
            </option>
            {creator.privacyLevelOptions.map((level) => {
              const blocked = level === 'SELF_ONLY' && disclosure.privateDisabled;
              return (
                <option
                  key={level}
                  value={level}
                  disabled={blocked}
                  title={blocked ? DISCLOSURE_TEXTS.brandedCannotBePrivate : undefined}
                >
                  {privacyLabel(level)}
                  {blocked ? ' (branded content cannot be private)' : ''}
                </option>
              );
            })}
          </NativeSelect>
          {disclosure.privateDisabled ? (
            <p className="text-xs text-muted-foreground">{DISCLOSURE_TEXTS.brandedCannotBePrivate}</p>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">
          Sent to @{creator.username ?? accountLabel}’s TikTok inbox as a draft: they add the caption and post
          it in the TikTok app.{' '}
          <span data-testid="pending-shares">
            {creator.pendingSharesLeft} of 5 pending drafts left today.
          </span>
        </p>
      )}

      {mode === 'direct' ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Allow users to</legend>
          <div className="flex flex-wrap gap-4">
            <Toggle
              id={id('comment')}
              label="Comment"
              checked={settings.allowComment}
              disabled={creator.commentDisabled}
              onChange={(v) => set({ allowComment: v })}
            />
            {kind === 'video' ? (
              <>
                <Toggle
                  id={id('duet')}
                  label="Duet"
                  checked={settings.allowDuet}
                  disabled={creator.duetDisabled}
                  onChange={(v) => set({ allowDuet: v })}
                />
                <Toggle
                  id={id('stitch')}
                  label="Stitch"
                  checked={settings.allowStitch}
                  disabled={creator.stitchDisabled}
                  onChange={(v) => set({ allowStitch: v })}
                />
              </>
            ) : null}
          </div>
        </fieldset>
      ) : null}

      {mode === 'direct' ? (
        <div className="space-y-2">
          <div className="flex items-center justify-between gap-3">
            <Label htmlFor={id('disclose')}>Disclose video content</Label>
            <Switch
              id={id('disclose')}
              checked={settings.disclosure.enabled}
              onCheckedChange={(v) => setDisclosure({ enabled: v })}
            />
          </div>
          <p className="text-xs text-muted-foreground">
            Turn on to disclose that this content promotes goods or services in exchange for something of
            value.
          </p>
          {settings.disclosure.enabled ? (
            <div className="space-y-2 pl-1">
              <Toggle
                id={id('your-brand')}
                label="Your brand"
                hint="You are promoting yourself or your own business."
                checked={settings.disclosure.yourBrand}
                onChange={(v) => setDisclosure({ yourBrand: v })}
              />
              <Toggle
                id={id('branded')}
                label="Branded content"
                hint="You are promoting another brand or a third party."
                checked={settings.disclosure.brandedContent}
                onChange={(v) => setDisclosure({ brandedContent: v })}
              />
              {disclosure.problem ? (
                <p role="alert" className="text-sm text-destructive-text">
                  {disclosure.problem}
                </p>
              ) : null}
              {disclosure.label ? (
                <p className="text-sm" data-testid="disclosure-label">
                  Your {kind === 'photo' ? 'photo' : 'video'} will be labeled “{disclosure.label}”.
                </p>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}

      <Toggle
        id={id('aigc')}
        label="AI-generated content"
        hint="Adds TikTok’s “Creator labeled as AI-generated” label."
        checked={settings.isAigc}
        onChange={(v) => set({ isAigc: v })}
      />
    </section>
  );
}

function Toggle(props: {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (value: boolean) => void;
}) {
  return (
    <div className="flex items-start gap-2">
      <Checkbox
        id={props.id}
        checked={props.checked}
        disabled={props.disabled}
        onCheckedChange={(v) => props.onChange(v === true)}
      />
      <div className="grid gap-0.5">
        <Label
          htmlFor={props.id}
          className={props.disabled ? 'font-normal text-muted-foreground' : 'font-normal'}
        >
          {props.label}
          {props.disabled ? ' (turned off in this account’s TikTok settings)' : ''}
        </Label>
        {props.hint ? <p className="text-xs text-muted-foreground">{props.hint}</p> : null}
      </div>
    </div>
  );
}
