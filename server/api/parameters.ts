import { z } from 'zod';

/** Path parameters more than one capability names. */
export const promptIdParams = z.object({
  promptId: z.string().min(1).max(64).meta({ description: 'the card uuid (the prompt id)' }),
});
