import { z } from 'zod';
import { WINDOW_UNITS } from '../../rules';

const coded = z.object({ code: z.string(), text: z.string() });
const institution = z.object({ id: z.string(), name: z.string(), level: z.number().int().nullable() });
const result = z.object({
  resultId: z.string(),
  institution,
  resultDate: z.string(),
  status: z.string(),
  ageDays: z.number().int(),
  daysLeft: z.number().int(),
  /** The containing examination the result is of, when it stands for the ordered item (类似检查); null for the item itself. */
  standsFor: coded.nullable(),
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
      item: z
        .object({
          code: z.string(),
          name: z.string(),
          window: z.object({ amount: z.number().int(), unit: z.enum(WINDOW_UNITS) }),
        })
        .nullable(),
      refusal: coded.nullable(),
      presentation: z.enum(['prompt', 'inform', 'silent']),
      recognisable: z.array(result.extend({ warnings: z.array(coded), own: z.boolean() })),
      excluded: z.array(result.extend({ reasons: z.array(coded) })),
      /** For a panel: its analytes that already have recognisable results (not to be charged again). */
      components: z.array(z.object({ item: coded, resultIds: z.array(z.string()) })),
      summary: z.string(),
    }),
  ),
});
export type Explanation = z.infer<typeof explanationSchema>;
