import type { Metadata } from 'next';
import Link from 'next/link';
import { Logo } from '@/components/logo';
import { requireUserForPage } from '@/lib/auth/current-user';
import { CreateWorkspaceForm } from './create-workspace-form';

export const metadata: Metadata = { title: 'New workspace' };

export default async function NewWorkspacePage() {
  await requireUserForPage('/workspaces/new');
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <Logo className="mb-8" />
      <div className="w-full max-w-sm space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold">New workspace</h1>
        <p className="text-sm text-slate-600">
          A workspace holds one team’s TikTok accounts, inbox and reports. You will be its owner.
        </p>
        <CreateWorkspaceForm />
        <Link href="/accounts" className="block text-center text-sm text-slate-600 hover:underline">
          Cancel
        </Link>
      </div>
    </main>
  );
}
