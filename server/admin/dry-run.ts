import {
  daysBefore,
  decide,
  effectiveConfiguration,
  type EffectiveConfiguration,
  type ExclusionReason,
  type HospitalOverride,
  type OrderRefusal,
  type RegionPolicy,
  type Verdict,
} from '../../rules';
import type { Database } from '../store/database';
import { acceptedPromptIds } from '../store/decisions';
import { findPromptsSince, type Prompt } from '../store/prompts';
import type { ReferenceData } from '../store/reference';
import { resultsForPatient, type StoredResult } from '../store/results';

export interface DryRunReport {
  readonly days: number;
  readonly from: string;
  /** Order prompts of the period, replayed through the rules. */
  readonly evaluated: number;
  readonly unchanged: number;
  /** Cards that would no longer be shown, and the reason that would stop each. */
  readonly wouldDisappear: number;
  readonly disappearReasons: Record<string, number>;
  /** Of those, how many the doctor had accepted: recognitions the change would have cost. */
  readonly acceptedAmongDisappearing: number;
  readonly indicatorChanges: number;
  readonly samples: readonly {
    readonly promptId: string;
    readonly createdAt: string;
    readonly itemCode: string;
    readonly department: string | null;
    readonly doctor: string | null;
    readonly after: string;
  }[];
  /**
   * `past-cards-only`: only orders that got a card are stored, so a change that would add cards
   * (a wider window or acceptance) cannot be counted from the past.
   */
  readonly limits: 'past-cards-only';
}

function shown(verdict: Verdict<StoredResult> | undefined): boolean {
  return verdict !== undefined && verdict.recognisable.length > 0 && verdict.presentation !== 'silent';
}

function why(verdict: Verdict<StoredResult> | undefined): string {
  if (!verdict) return 'none';
  if (verdict.refusal) return verdict.refusal;
  if (verdict.presentation === 'silent') return 'silenced-in-emergency';
  const reasons = new Set<ExclusionReason | OrderRefusal>(verdict.excluded.flatMap((exclusion) => exclusion.reasons));
  return [...reasons].sort().join('+') || 'no-result';
}

/**
 * Replays the hospital's recent order prompts through the rules twice, at the time each was made:
 * with the configuration in force and with a proposed override (and, for the platform, a proposed
 * region policy). Nothing is stored.
 */
export async function dryRun(
  db: Database,
  reference: ReferenceData,
  hospitalId: string,
  proposed: HospitalOverride,
  current: EffectiveConfiguration,
  options: {
    days: number;
    now: Date;
    timeZone: string;
    /** A proposed region policy in place of the region's own (the platform's dry run of a policy). */
    policy?: RegionPolicy;
  },
): Promise<DryRunReport> {
  const from = daysBefore(options.now, options.days).toISOString();
  const prompts = (await findPromptsSince(db, hospitalId, from)).filter(
    (prompt): prompt is Prompt & { itemCode: string } => prompt.itemCode !== null,
  );
  const hospital = reference.ruleInstitutions.get(hospitalId);
  const policy = options.policy ?? (hospital ? reference.regions.get(hospital.region) : undefined);
  if (!hospital || !policy) throw new Error(`hospital ${hospitalId} has no region policy`);
  const proposedConfiguration = effectiveConfiguration({
    timeZone: options.timeZone,
    catalog: [...reference.catalog.values()],
    policy,
    hospital,
    override: proposed,
    localTestSystems: current.localTestSystems,
  });
  const accepted = new Set(
    await acceptedPromptIds(
      db,
      prompts.map((prompt) => prompt.id),
    ),
  );
  const resultsByPatient = new Map<string, StoredResult[]>();
  let unchanged = 0;
  let disappear = 0;
  let acceptedLost = 0;
  let indicatorChanges = 0;
  const disappearReasons: Record<string, number> = {};
  const samples: DryRunReport['samples'][number][] = [];
  for (const prompt of prompts) {
    let results = resultsByPatient.get(prompt.patientKey);
    if (!results) {
      results = await resultsForPatient(db, prompt.patientKey);
      resultsByPatient.set(prompt.patientKey, results);
    }
    const facts = (configuration: EffectiveConfiguration) => ({
      results,
      institutions: reference.ruleInstitutions,
      qualifications: reference.qualificationsByInstitution,
      encounter: prompt.encounterKind,
      configuration,
      now: new Date(prompt.createdAt),
    });
    const order = [{ orderId: prompt.id, itemCode: prompt.itemCode }];
    const [before] = decide(order, facts(current));
    const [after] = decide(order, facts(proposedConfiguration));
    if (shown(before) && !shown(after)) {
      disappear += 1;
      const reason = why(after);
      disappearReasons[reason] = (disappearReasons[reason] ?? 0) + 1;
      if (accepted.has(prompt.id)) acceptedLost += 1;
      if (samples.length < 20)
        samples.push({
          promptId: prompt.id,
          createdAt: prompt.createdAt,
          itemCode: prompt.itemCode,
          department: prompt.departmentName,
          doctor: prompt.practitionerName,
          after: reason,
        });
    } else {
      unchanged += 1;
      if (shown(after) && current.indicator !== proposedConfiguration.indicator && before?.presentation === 'prompt')
        indicatorChanges += 1;
    }
  }
  return {
    days: options.days,
    from,
    evaluated: prompts.length,
    unchanged,
    wouldDisappear: disappear,
    disappearReasons,
    acceptedAmongDisappearing: acceptedLost,
    indicatorChanges,
    samples,
    limits: 'past-cards-only',
  };
}
