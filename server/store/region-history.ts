import type { RegionPolicy } from '../../rules';
import type { Database } from './database';
import { saveRegion } from './registry';
import { storedRegionPolicy } from './stored-records';

/** How a version came to be: the policy as it stood before any recorded change, a save, or a rollback. */
export type RegionPolicyAction = 'initial' | 'save' | 'rollback';

export interface RegionPolicyVersion {
  readonly version: number;
  readonly policy: RegionPolicy;
  readonly action: RegionPolicyAction;
  readonly savedBy: string;
  readonly savedAt: string;
}

interface HistoryRow {
  version: number;
  policy: string;
  action: string;
  saved_by: string;
  saved_at: string;
}

/** A region's versions, newest first; empty until its policy is first changed. */
export async function regionHistory(db: Database, code: string): Promise<RegionPolicyVersion[]> {
  const rows = await db<HistoryRow>('region_policy_history')
    .where('region_code', code)
    .orderBy('version', 'desc')
    .select('version', 'policy', 'action', 'saved_by', 'saved_at');
  return rows.map((row) => ({
    version: Number(row.version),
    policy: storedRegionPolicy.parse(JSON.parse(row.policy)),
    action: row.action as RegionPolicyAction,
    savedBy: row.saved_by,
    savedAt: row.saved_at,
  }));
}

/**
 * Puts a policy in force and records it as the region's next version, in one transaction. The first
 * change of a region records the policy it replaces as version 1, so the region can always go back to
 * how it was installed.
 */
export async function saveRegionVersion(
  db: Database,
  policy: RegionPolicy,
  change: { readonly action: 'save' | 'rollback'; readonly by: string; readonly at: Date },
): Promise<number> {
  return db.transaction(async (trx) => {
    const at = change.at.toISOString();
    const last = await trx('region_policy_history').where('region_code', policy.code).max({ v: 'version' }).first();
    let version = Number((last as { v: number | null } | undefined)?.v ?? 0);
    if (version === 0) {
      const current = await trx<{ policy: string }>('regions').where('code', policy.code).first('policy');
      if (current) {
        version = 1;
        await trx('region_policy_history').insert({
          region_code: policy.code,
          version,
          policy: current.policy,
          action: 'initial',
          saved_by: '—',
          saved_at: at,
        });
      }
    }
    await saveRegion(trx, policy);
    version += 1;
    await trx('region_policy_history').insert({
      region_code: policy.code,
      version,
      policy: JSON.stringify(policy),
      action: change.action,
      saved_by: change.by,
      saved_at: at,
    });
    return version;
  });
}
