import { TabNav, TabNavLink } from '@/components/ui/tab-nav';

const TABS = [
  { href: '/settings', label: 'Members' },
  { href: '/settings/audit', label: 'Audit log' },
  { href: '/settings/webhooks', label: 'Webhooks & jobs' },
] as const;

export function SettingsTabs({ active }: { active: (typeof TABS)[number]['href'] }) {
  return (
    <TabNav label="Settings" className="mb-6">
      {TABS.map((tab) => (
        <TabNavLink key={tab.href} href={tab.href} active={tab.href === active}>
          {tab.label}
        </TabNavLink>
      ))}
    </TabNav>
  );
}
