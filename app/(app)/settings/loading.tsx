import { CardSkeleton, PageSkeleton } from '@/components/page-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <PageSkeleton>
      <div className="mb-6 flex gap-4 border-b pb-3">
        <Skeleton className="h-5 w-20" />
        <Skeleton className="h-5 w-20" />
        <Skeleton className="h-5 w-32" />
      </div>
      <div className="space-y-6">
        <CardSkeleton rows={1} />
        <CardSkeleton rows={3} avatar />
      </div>
    </PageSkeleton>
  );
}
