import { describe, expect, it } from 'vitest';
import { cn } from './cn';

describe('cn', () => {
  it('drops falsy values and flattens conditionals', () => {
    expect(cn('a', false, null, undefined, ['b', { c: true, d: false }])).toBe('a b c');
  });

  it('lets a later utility override a conflicting earlier one, including the theme tokens', () => {
    expect(cn('px-4 py-2', 'px-2')).toBe('py-2 px-2');
    expect(cn('bg-primary text-primary-foreground', 'bg-card')).toBe('text-primary-foreground bg-card');
    expect(cn('border-input', 'border-destructive-border')).toBe('border-destructive-border');
  });

  it('keeps a font size and a token colour that share the text- prefix', () => {
    expect(cn('text-sm text-muted-foreground', 'text-destructive-text')).toBe(
      'text-sm text-destructive-text',
    );
    expect(cn('text-muted-foreground', 'text-xs')).toBe('text-muted-foreground text-xs');
  });
});
