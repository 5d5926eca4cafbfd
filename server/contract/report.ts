import { z } from 'zod';

/** What a doctor needs to see of an external report, extracted at ingest and stored as JSON. */
export const labValueSchema = z.object({
  name: z.string(),
  value: z.string(),
  unit: z.string().nullable(),
  referenceRange: z.string().nullable(),
  /** H high, L low, N normal, A abnormal (FHIR v3 ObservationInterpretation codes). */
  flag: z.string().nullable(),
});
export type LabValue = z.infer<typeof labValueSchema>;

export const reportSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('lab'),
    title: z.string(),
    values: z.array(labValueSchema),
  }),
  z.object({
    kind: z.literal('imaging'),
    title: z.string(),
    modality: z.string().nullable(),
    /** 检查所见 */
    findings: z.string().nullable(),
    /** 诊断意见 */
    impression: z.string().nullable(),
    studyUid: z.string().nullable(),
    viewerUrl: z.string().nullable(),
  }),
]);
export type Report = z.infer<typeof reportSchema>;
