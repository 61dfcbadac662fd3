import type { ReactNode } from 'react';

export type AppRole = 'owner' | 'admin' | 'agent';

export type NavItem = { href: string; label: string; icon: ReactNode; roles: readonly AppRole[] };

const ALL: readonly AppRole[] = ['owner', 'admin', 'agent'];
const ADMINS: readonly AppRole[] = ['owner', 'admin'];

const icon = (path: string) => (
  <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden>
    <path strokeLinecap="round" strokeLinejoin="round" d={path} />
  </svg>
);

export const ICONS = {
  accounts: icon('M16 7a4 4 0 1 1-8 0 4 4 0 0 1 8 0ZM4 21a8 8 0 0 1 16 0'),
  inbox: icon('M3 13h5l2 3h4l2-3h5M5 5h14l2 8v6H3v-6l2-8Z'),
  publish: icon('M12 16V4m0 0-4 4m4-4 4 4M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3'),
  reports: icon('M4 20V10m6 10V4m6 16v-7m4 7H2'),
  settings: icon(
    'M10.3 4.3a1.7 1.7 0 0 1 3.4 0l.2.9a1.7 1.7 0 0 0 2.5 1l.8-.4a1.7 1.7 0 0 1 2.4 2.4l-.4.8a1.7 1.7 0 0 0 1 2.5l.9.2a1.7 1.7 0 0 1 0 3.4l-.9.2a1.7 1.7 0 0 0-1 2.5l.4.8a1.7 1.7 0 0 1-2.4 2.4l-.8-.4a1.7 1.7 0 0 0-2.5 1l-.2.9a1.7 1.7 0 0 1-3.4 0l-.2-.9a1.7 1.7 0 0 0-2.5-1l-.8.4a1.7 1.7 0 0 1-2.4-2.4l.4-.8a1.7 1.7 0 0 0-1-2.5l-.9-.2a1.7 1.7 0 0 1 0-3.4l.9-.2a1.7 1.7 0 0 0 1-2.5l-.4-.8a1.7 1.7 0 0 1 2.4-2.4l.8.4a1.7 1.7 0 0 0 2.5-1l.2-.9ZM15 12a3 3 0 1 1-6 0 3 3 0 0 1 6 0Z',
  ),
};

/** Agents answer DMs; publishing, reports and settings are for owners and admins. */
export const NAV_ITEMS: NavItem[] = [
  { href: '/accounts', label: 'Accounts', icon: ICONS.accounts, roles: ALL },
  { href: '/inbox', label: 'Inbox', icon: ICONS.inbox, roles: ALL },
  { href: '/publish', label: 'Publish', icon: ICONS.publish, roles: ADMINS },
  { href: '/reports', label: 'Reports', icon: ICONS.reports, roles: ADMINS },
  { href: '/settings', label: 'Settings', icon: ICONS.settings, roles: ADMINS },
];

export function navItemsFor(role: AppRole): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}
