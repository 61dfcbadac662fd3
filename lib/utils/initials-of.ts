/**
 * Up to two initials for an avatar: first and last word of a name ("Sandbox Chef" → "SC"), a handle
 * without its @ ("@sandbox_chef" → "SC"), the local part of an e-mail. Whole characters, so an emoji
 * or an accented letter is never cut in half. Client-safe.
 */
export function initialsOf(name: string): string {
  const base = name.trim().replace(/^@/, '').replace(/@.*$/, '');
  const words = base.split(/[\s._-]+/).filter(Boolean);
  const picked = words.length > 1 ? [words[0], words.at(-1)] : words;
  return picked
    .map((word) => Array.from(word ?? '')[0] ?? '')
    .join('')
    .toUpperCase();
}
