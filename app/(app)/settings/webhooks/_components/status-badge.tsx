import { Badge } from '@/components/ui/badge';

const VARIANTS = {
  pending: 'neutral',
  running: 'brand',
  processed: 'success',
  succeeded: 'success',
  ignored: 'neutral',
  held: 'neutral',
  snoozed: 'brand',
  failed: 'warning',
  dead: 'danger',
} as const;

const LABELS: Partial<Record<keyof typeof VARIANTS, string>> = {
  failed: 'retrying',
  held: 'waiting for a handler',
};

export function StatusBadge({ status }: { status: keyof typeof VARIANTS }) {
  return <Badge variant={VARIANTS[status]}>{LABELS[status] ?? status}</Badge>;
}
