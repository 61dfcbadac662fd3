'use client';

import { Avatar as AvatarPrimitive } from 'radix-ui';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils/cn';
import { initialsOf } from '@/lib/utils/initials-of';

const SIZES = { sm: 'size-8 text-xs', md: 'size-10 text-sm', lg: 'size-12 text-base' } as const;

/**
 * A round picture with the name's initials while it loads and when it fails. `src` is any URL (TikTok's
 * CDN included: it is not routed through next/image). Decorative by default: the name is usually
 * printed beside it; pass `alt` when it is not.
 */
export function Avatar({
  src,
  name,
  alt = '',
  size = 'md',
  className,
  ...props
}: Omit<ComponentProps<typeof AvatarPrimitive.Root>, 'children'> & {
  src?: string | null;
  name: string;
  alt?: string;
  size?: keyof typeof SIZES;
}) {
  return (
    <AvatarPrimitive.Root
      data-slot="avatar"
      className={cn('relative flex shrink-0 overflow-hidden rounded-full bg-muted', SIZES[size], className)}
      {...props}
    >
      {src ? (
        <AvatarPrimitive.Image src={src} alt={alt} className="aspect-square size-full object-cover" />
      ) : null}
      <AvatarPrimitive.Fallback
        delayMs={src ? 400 : undefined}
        className="flex size-full items-center justify-center font-semibold text-muted-foreground select-none"
        aria-hidden={alt ? undefined : true}
      >
        {initialsOf(name)}
      </AvatarPrimitive.Fallback>
    </AvatarPrimitive.Root>
  );
}
