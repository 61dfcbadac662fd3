import { CardSkeleton, PageSkeleton } from '@/components/page-skeleton';

export default function Loading() {
  return (
    <PageSkeleton actions={1}>
      <CardSkeleton rows={2} />
      <CardSkeleton rows={4} />
    </PageSkeleton>
  );
}
