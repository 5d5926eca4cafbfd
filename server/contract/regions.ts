import { z } from 'zod';
import { allianceSchema, regionPolicySchema } from './admin';
import { dryRunReportSchema } from './admin-responses';

/** One version of a region's policy (GET /api/platform/regions/{code}/history), newest first. */
export const regionPolicyVersionSchema = z.object({
  version: z.number().int(),
  policy: regionPolicySchema,
  /** `initial`: the policy as it stood before its first recorded change. */
  action: z.enum(['initial', 'save', 'rollback']),
  savedBy: z.string(),
  savedAt: z.string(),
});
export const regionHistorySchema = z.array(regionPolicyVersionSchema);

/** POST /api/platform/regions/{code}/rollback: an earlier version put in force again (as a new version). */
export const regionRollbackInputSchema = z.strictObject({ version: z.number().int().min(1) });
export const regionRollbackSchema = z.object({
  code: z.string(),
  version: z.number().int(),
  policy: regionPolicySchema,
});

/** POST /api/platform/regions/{code}/dry-run: a proposed policy replayed over the region's recent cards. */
export const regionDryRunInputSchema = z.strictObject({
  policy: regionPolicySchema,
  days: z.number().int().min(1).max(365).default(30),
});
export const regionDryRunReportSchema = dryRunReportSchema.extend({ hospitals: z.number().int() });

/** An alliance with its members (the institutions that name it), as GET /api/platform/alliances lists them. */
export const allianceWithMembersSchema = allianceSchema.extend({ members: z.array(z.string()) });
export const alliancesSchema = z.array(allianceWithMembersSchema);
