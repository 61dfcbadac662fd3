'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { retryJobAsOperator } from '@/lib/jobs/retry-job-as-operator';

const schema = z.object({ jobId: z.string().min(1).max(100) });

export const retryJobAsOperatorAction = withAction(
  { access: 'user', schema },
  async ({ db, input, user, ip }) => {
    await retryJobAsOperator(db, { userId: user.id, jobId: input.jobId, ip });
    revalidatePath('/operator');
  },
);
