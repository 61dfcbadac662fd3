import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-2xl font-semibold">You don’t have access to this page</h1>
      <p className="max-w-md text-sm text-slate-600">
        Only owners and admins of this workspace can open it. Ask one of them if you need it.
      </p>
      <Link href="/inbox" className="text-sm font-medium text-brand-700 hover:underline">
        Go to the inbox
      </Link>
    </main>
  );
}
