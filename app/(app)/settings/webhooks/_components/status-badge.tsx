import { Badge } from '@/components/ui/badge';

const TONES = {
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

const LABELS: Partial<Record<keyof typeof TONES, string>> = {
  failed: 'retrying',
  held: 'waiting for a handler',
};

export function StatusBadge({ status }: { status: keyof typeof TONES }) {
  return <Badge tone={TONES[status]}>{LABELS[status] ?? status}</Badge>;
}
