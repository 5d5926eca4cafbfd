import { z } from 'zod';
import { hospitalOverrideSchema, regionPolicySchema } from '../contract/admin';

/**
 * The registry and hospital configuration the store keeps have the contract's shapes
 * (server/contract/admin.ts): one definition for the API, the app and the store. JSON columns are
 * read back through the contract's schemas, so fields added after a row was written get their defaults.
 */
export type { Alliance, CdsClient, CodeMapping, InstitutionRecord, LocalTestSystem } from '../contract/admin';

export const storedRegionPolicy = regionPolicySchema;

/** Unlike the admin API's input (strict), a stored override's key that this version no longer knows is dropped, not refused. */
export const storedHospitalOverride = z.object(hospitalOverrideSchema.shape);
