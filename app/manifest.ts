import type { MetadataRoute } from 'next';

/** Lets browsers install Tokdesk as an app with its own icon and colours. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Tokdesk',
    short_name: 'Tokdesk',
    description: 'Run your team’s TikTok presence from one place.',
    start_url: '/accounts',
    display: 'standalone',
    background_color: '#f8fafc',
    theme_color: '#d21b79',
    icons: [
      { src: '/icon.svg', type: 'image/svg+xml', sizes: 'any' },
      { src: '/icon-192.png', type: 'image/png', sizes: '192x192' },
      { src: '/icon-512.png', type: 'image/png', sizes: '512x512' },
      { src: '/icon-maskable-512.png', type: 'image/png', sizes: '512x512', purpose: 'maskable' },
    ],
  };
}
