import { z } from 'zod';

const coded = z.object({ code: z.string(), text: z.string() });
const institution = z.object({ id: z.string(), name: z.string(), level: z.number().int().nullable() });
const result = z.object({
  resultId: z.string(),
  institution,
  resultDate: z.string(),
  status: z.string(),
  ageDays: z.number().int(),
  daysLeft: z.number().int(),
});

/** POST /api/explain answer: every order's verdict, every candidate with its reasons in words. */
export const explanationSchema = z.object({
    /** `assessed`, or why nothing could be judged (`no-orders`, `patient-not-identifiable`). */
    outcome: coded,
    hospital: z.object({ id: z.string(), name: z.string() }).nullable(),
    encounter: z.object({ kind: coded, department: z.string().nullable() }).nullable(),
    verdicts: z.array(
      z.object({
        orderRef: z.string().nullable(),
        orderLabel: z.string().nullable(),
        item: z.object({ code: z.string(), name: z.string(), windowDays: z.number().int() }).nullable(),
        refusal: coded.nullable(),
        presentation: z.enum(['prompt', 'inform', 'silent']),
        recognisable: z.array(result.extend({ warnings: z.array(coded) })),
        excluded: z.array(result.extend({ reasons: z.array(coded) })),
        summary: z.string(),
      }),
    ),
  });
export type Explanation = z.infer<typeof explanationSchema>;
