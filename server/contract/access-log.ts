import { z } from 'zod';

/** GET /api/access-log's answer: one page, newest first; `next` is the `before` of the next page. */
export const accessLogPageSchema = z.object({
  entries: z.array(z.object({
    id: z.number().int(),
    at: z.string(),
    hospitalId: z.string().nullable(),
    actorKind: z.enum(['cds-client', 'api-token', 'decision-token', 'unauthenticated']),
    actor: z.string(),
    actorName: z.string().nullable(),
    patientKey: z.string(),
    endpoint: z.string(),
    results: z.number().int(),
  })),
  next: z.number().int().nullable(),
});
export type AccessLogPage = z.infer<typeof accessLogPageSchema>;
