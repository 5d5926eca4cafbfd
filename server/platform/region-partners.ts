import type { RegionPolicy } from '../../rules';
import type { Database } from '../store/database';
import { loadRegions } from '../store/registry';

/** A partner region the policy names that is not another registered region, or null when all are. */
export async function unknownPartner(db: Database, policy: RegionPolicy): Promise<string | null> {
  const known = new Set((await loadRegions(db)).map((region) => region.code));
  return policy.partnerRegions.find((code) => !known.has(code) || code === policy.code) ?? null;
}
