import type { Metadata } from 'next';
import { z } from 'zod';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Card, CardContent } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { requireRoleForPage } from '@/lib/auth/require-role-for-page';
import { getPendingAdvertisers } from '@/lib/connect/get-pending-advertisers';
import { getDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors/app-error';
import { readSearchParams } from '@/lib/http/read-search-params';
import { AdvertiserPicker } from './_components/advertiser-picker';

export const metadata: Metadata = { title: 'Choose ad accounts' };

export default async function ChooseAdvertisersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, workspace } = requireRoleForPage(await requireWorkspaceForPage('/accounts'), [
    'owner',
    'admin',
  ]);
  const { attempt } = readSearchParams(await searchParams, { attempt: z.string().min(1).max(100) });
  const attemptId = attempt ?? '';
  let pending: Awaited<ReturnType<typeof getPendingAdvertisers>> | null = null;
  let problem: string | null = null;
  try {
    pending = await getPendingAdvertisers(await getDb(), {
      attemptId,
      workspaceId: workspace.id,
      userId: user.id,
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  return (
    <>
      <PageHeader
        title="Choose ad accounts"
        description="TikTok gave Tokdesk access to these ad accounts. Keep the ones this workspace reports on."
      />
      <Card>
        <CardContent>
          {pending ? (
            <AdvertiserPicker attemptId={attemptId} advertisers={pending.advertisers} />
          ) : (
            <Alert variant="danger" role="alert">
              <AlertDescription>{problem}</AlertDescription>
            </Alert>
          )}
        </CardContent>
      </Card>
    </>
  );
}
