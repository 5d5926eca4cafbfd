import { z } from 'zod';

/** GET /api/session: whom the console's token speaks for, to name in its header. */
export const consoleSessionSchema = z.object({
  role: z.enum(['quality', 'admin', 'platform']),
  /** The token's name, as the operator created it. */
  name: z.string(),
  /** The hospital a quality or admin token is bound to; null for the platform. */
  hospital: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type ConsoleSession = z.infer<typeof consoleSessionSchema>;
