'use client';

import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { UploadProgressBar } from '@/components/uploads/upload-progress-bar';
import { useUpload } from '@/components/uploads/use-upload';
import { checkPhotoSet, PHOTO_RULES } from '@/lib/publishing/media-rules';
import type { UploadedMedia } from '@/lib/uploads/upload-protocol';

export type PickedPhoto = {
  key: string;
  file: File;
  previewUrl: string;
  media: UploadedMedia | null;
  error: string | null;
};

let nextKey = 0;

/** Turns chosen files into photos to upload, refusing what TikTok would refuse before any byte moves. */
export function pickPhotos(
  current: readonly PickedPhoto[],
  files: readonly File[],
): { added: PickedPhoto[]; problem: string | null } {
  if (current.length + files.length > PHOTO_RULES.maxCount) {
    return {
      added: [],
      problem: `A photo post has at most ${PHOTO_RULES.maxCount} photos; you chose ${current.length + files.length}.`,
    };
  }
  // Checked one file at a time so the message can name the file.
  const problems = files.flatMap((f) =>
    checkPhotoSet([{ contentType: f.type, sizeBytes: f.size }]).map((p) =>
      p.message.replace(/^Photo 1/, `“${f.name}”`),
    ),
  );
  if (problems.length > 0) return { added: [], problem: problems[0]! };
  return {
    added: files.map((file) => ({
      key: `photo-${nextKey++}`,
      file,
      previewUrl: URL.createObjectURL(file),
      media: null,
      error: null,
    })),
    problem: null,
  };
}

/**
 * The photos of a photo post, in posting order: each one uploads through the upload client with
 * its own progress bar; arrows reorder, a radio chooses TikTok's cover (`photo_cover_index`).
 */
export function PhotoList({
  photos,
  workspaceId,
  coverIndex,
  onCover,
  onMove,
  onRemove,
  onUploaded,
}: {
  photos: readonly PickedPhoto[];
  workspaceId: string;
  coverIndex: number;
  onCover: (index: number) => void;
  onMove: (index: number, by: -1 | 1) => void;
  onRemove: (key: string) => void;
  onUploaded: (key: string, media: UploadedMedia | null, error: string | null) => void;
}) {
  if (photos.length === 0) return null;
  return (
    <ol className="grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label="Photos in posting order">
      {photos.map((photo, index) => (
        <PhotoTile
          key={photo.key}
          photo={photo}
          index={index}
          count={photos.length}
          workspaceId={workspaceId}
          isCover={coverIndex === index}
          onCover={() => onCover(index)}
          onMove={(by) => onMove(index, by)}
          onRemove={() => onRemove(photo.key)}
          onUploaded={onUploaded}
        />
      ))}
    </ol>
  );
}

function PhotoTile(props: {
  photo: PickedPhoto;
  index: number;
  count: number;
  workspaceId: string;
  isCover: boolean;
  onCover: () => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  onUploaded: (key: string, media: UploadedMedia | null, error: string | null) => void;
}) {
  const { photo, index } = props;
  const upload = useUpload({ purpose: 'photo', workspaceId: props.workspaceId });
  const started = useRef(false);
  const report = useRef(props.onUploaded);
  report.current = props.onUploaded;

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void upload.start(photo.file);
  }, [upload, photo.file]);

  useEffect(() => {
    if (upload.status === 'done' || upload.status === 'failed') {
      report.current(photo.key, upload.media, upload.error);
    }
  }, [upload.status, upload.media, upload.error, photo.key]);

  const name = `Photo ${index + 1}`;
  return (
    <li className="space-y-2 rounded-lg border p-2" data-testid="photo-tile">
      {/* biome-ignore lint/performance/noImgElement: a local blob preview, not an optimisable asset */}
      <img
        src={photo.previewUrl}
        alt={`${name}: ${photo.file.name}`}
        className="aspect-[3/4] w-full rounded bg-slate-100 object-cover"
      />
      {upload.status === 'done' ? (
        <p className="truncate text-xs text-success-text">Uploaded {photo.file.name}.</p>
      ) : (
        <UploadProgressBar
          progress={upload.progress}
          label={photo.file.name}
          paused={upload.status === 'paused'}
        />
      )}
      {upload.error ? (
        <p role="alert" className="text-xs text-destructive-text">
          {upload.error}{' '}
          {upload.canResume ? (
            <Button type="button" variant="link" size="sm" onClick={() => void upload.resume()}>
              Resume
            </Button>
          ) : null}
        </p>
      ) : null}
      <div className="flex items-center gap-2">
        <input
          id={`cover-${photo.key}`}
          type="radio"
          name="photo-cover"
          checked={props.isCover}
          onChange={props.onCover}
          className="size-4 accent-current"
        />
        <Label htmlFor={`cover-${photo.key}`} className="text-xs font-normal">
          Cover
        </Label>
      </div>
      <div className="flex flex-wrap gap-1">
        <Button
          type="button"
          size="sm"
          variant="secondary"
          aria-label={`Move ${name} earlier`}
          disabled={index === 0}
          onClick={() => props.onMove(-1)}
        >
          ←
        </Button>
        <Button
          type="button"
          size="sm"
          variant="secondary"
          aria-label={`Move ${name} later`}
          disabled={index === props.count - 1}
          onClick={() => props.onMove(1)}
        >
          →
        </Button>
        <Button
          type="button"
          size="sm"
          variant="ghost"
          aria-label={`Remove ${name}`}
          onClick={() => {
            if (upload.status === 'uploading') void upload.cancel();
            props.onRemove();
          }}
        >
          Remove
        </Button>
      </div>
    </li>
  );
}

/** The file input for photos (several at once; PNG is accepted and converted to JPEG on the server). */
export function PhotoInput({ onFiles }: { onFiles: (files: File[]) => void }) {
  return (
    <Input
      id="photo-files"
      type="file"
      multiple
      accept="image/jpeg,image/webp,image/png"
      onChange={(event) => {
        onFiles(Array.from(event.target.files ?? []));
        event.target.value = '';
      }}
    />
  );
}
