import { ChartColumn, Inbox, Send, Settings, UsersRound } from 'lucide-react';
import type { ReactNode } from 'react';

export type AppRole = 'owner' | 'admin' | 'agent';

export type NavItem = { href: string; label: string; icon: ReactNode; roles: readonly AppRole[] };

const ALL: readonly AppRole[] = ['owner', 'admin', 'agent'];
const ADMINS: readonly AppRole[] = ['owner', 'admin'];

export const ICONS = {
  accounts: <UsersRound className="size-5" aria-hidden />,
  inbox: <Inbox className="size-5" aria-hidden />,
  publish: <Send className="size-5" aria-hidden />,
  reports: <ChartColumn className="size-5" aria-hidden />,
  settings: <Settings className="size-5" aria-hidden />,
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
