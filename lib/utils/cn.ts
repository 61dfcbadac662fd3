import { type ClassValue, clsx } from 'clsx';
import { twMerge } from 'tailwind-merge';

/**
 * Joins class names (clsx: strings, arrays, `{ class: condition }`), then lets later Tailwind utilities
 * win over earlier conflicting ones, so `cn(base, className)` overrides cleanly. Client-safe.
 */
export function cn(...classes: ClassValue[]): string {
  return twMerge(clsx(classes));
}
