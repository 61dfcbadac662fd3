import Link from 'next/link';
import { cn } from '@/lib/utils/cn';

const TABS = [
  { href: '/settings', label: 'Members' },
  { href: '/settings/audit', label: 'Audit log' },
  { href: '/settings/webhooks', label: 'Webhooks & jobs' },
] as const;

export function SettingsTabs({ active }: { active: (typeof TABS)[number]['href'] }) {
  return (
    <nav aria-label="Settings" className="mb-6 flex gap-1 border-b border-slate-200">
      {TABS.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.href === active ? 'page' : undefined}
          className={cn(
            '-mb-px border-b-2 px-3 py-2 text-sm font-medium',
            tab.href === active
              ? 'border-brand-600 text-brand-700'
              : 'border-transparent text-slate-600 hover:text-slate-900',
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
