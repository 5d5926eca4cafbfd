import { z } from 'zod';
import { LOWER_LEVEL_ACCEPTANCE } from '../../rules';
import { codeMappingSchema, hospitalOverrideSchema, recognitionItemSchema } from './admin';

/** The admin API's answers: the console's types and the OpenAPI document come from here. */
export const rulesStateSchema = z.object({
  hospitalId: z.string(),
  override: hospitalOverrideSchema,
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  bounds: z.object({
    windowDays: z.record(z.string(), z.number().int()),
    lowerLevelAcceptance: z
      .object({ default: z.enum(LOWER_LEVEL_ACCEPTANCE), max: z.enum(LOWER_LEVEL_ACCEPTANCE) })
      .nullable(),
    disciplines: z.array(z.string()),
  }),
});
export type RulesState = z.infer<typeof rulesStateSchema>;

export const overrideHistorySchema = z.array(
  z.object({
    version: z.number().int(),
    override: hospitalOverrideSchema,
    before: hospitalOverrideSchema.nullable(),
    action: z.enum(['save', 'rollback']),
    updatedBy: z.string(),
    updatedAt: z.string(),
  }),
);
export type OverrideHistory = z.infer<typeof overrideHistorySchema>;

export const dryRunReportSchema = z.object({
  days: z.number().int(),
  from: z.string(),
  evaluated: z.number().int(),
  unchanged: z.number().int(),
  wouldDisappear: z.number().int(),
  disappearReasons: z.record(z.string(), z.number().int()),
  acceptedAmongDisappearing: z.number().int(),
  indicatorChanges: z.number().int(),
  samples: z.array(
    z.object({
      promptId: z.string(),
      createdAt: z.string(),
      itemCode: z.string(),
      department: z.string().nullable(),
      doctor: z.string().nullable(),
      after: z.string(),
    }),
  ),
  limits: z.literal('past-cards-only'),
});
export type DryRunReportView = z.infer<typeof dryRunReportSchema>;

const refusal = z.object({ row: z.number().int(), field: z.string().nullable(), message: z.string() });

export const unmappedCodesSchema = z.array(
  z.object({
    system: z.string(),
    code: z.string(),
    display: z.string().nullable(),
    firstSeen: z.string(),
    lastSeen: z.string(),
    seen: z.number().int(),
  }),
);
export type UnmappedCodes = z.infer<typeof unmappedCodesSchema>;

export const mappingUploadSchema = z.object({
  /** All or nothing: true only when every row was good and this was no preview. */
  saved: z.boolean().meta({ description: 'whether the rows were saved: all or nothing, never on a preview' }),
  accepted: z.number().int().meta({ description: 'good rows: saved, or to be saved' }),
  /** With replace: the hospital's mappings the file does not hold, dropped (or to be dropped). */
  dropped: z.number().int(),
  refused: z.array(refusal),
  unmappedSeen: unmappedCodesSchema,
});
export type MappingUpload = z.infer<typeof mappingUploadSchema>;

export const codeMappingsSchema = z.array(codeMappingSchema);
export const catalogSchema = z.array(recognitionItemSchema);

/** What an import saved (or, a preview, would save) and which rows it refused. */
export const importReportSchema = z.object({
  kind: z.string(),
  /** True when nothing was saved: `saved` counts the rows that would be. */
  preview: z.boolean(),
  saved: z.number().int(),
  refused: z.array(refusal),
});
