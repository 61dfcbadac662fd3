import Link from 'next/link';
import { StatusPage } from '@/components/status-page';
import { Button } from '@/components/ui/button';

export default function Forbidden() {
  return (
    <StatusPage
      code="403"
      title="You don’t have access to this page"
      action={
        <Button asChild variant="secondary">
          <Link href="/inbox">Go to the inbox</Link>
        </Button>
      }
    >
      <p>Only owners and admins of this workspace can open it. Ask one of them if you need it.</p>
    </StatusPage>
  );
}
