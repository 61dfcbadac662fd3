import { CardSkeleton, PageSkeleton } from '@/components/page-skeleton';

export default function Loading() {
  return (
    <PageSkeleton actions={3}>
      <CardSkeleton rows={3} avatar />
    </PageSkeleton>
  );
}
