import { createHash } from 'node:crypto';

/**
 * A picture a browser can actually draw for avatar and cover URLs: an SVG with the user's initials
 * on a colour derived from the file name. (The sample JPEG is only magic bytes, enough for media
 * sniffing but not for an <img>.)
 */
export function placeholderImage(seed: string, label: string): string {
  const hue = createHash('sha256').update(seed).digest()[0]! * (360 / 256);
  const initials =
    label
      .split(/[\s_.-]+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => word[0]?.toUpperCase() ?? '')
      .join('') || '?';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200"><rect width="200" height="200" fill="hsl(${Math.round(hue)} 65% 55%)"/><text x="100" y="100" dy=".35em" text-anchor="middle" font-family="sans-serif" font-size="80" fill="#fff">${initials.replace(/[<>&"]/g, '')}</text></svg>`;
}
