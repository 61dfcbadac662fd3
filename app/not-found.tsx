import Link from 'next/link';
import { StatusPage } from '@/components/status-page';
import { Button } from '@/components/ui/button';

export default function NotFound() {
  return (
    <StatusPage
      code="404"
      title="Page not found"
      action={
        <Button asChild variant="secondary">
          <Link href="/accounts">Back to Tokdesk</Link>
        </Button>
      }
    >
      <p>The page you asked for does not exist, or you are not a member of its workspace.</p>
    </StatusPage>
  );
}
