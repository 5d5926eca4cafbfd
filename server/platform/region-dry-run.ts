import { daysBefore, NO_OVERRIDE, type RegionPolicy } from '../../rules';
import { dryRun, type DryRunReport } from '../admin/dry-run';
import type { Services } from '../services';
import { configurationFor } from '../store/reference';

/** A region's dry run: the hospitals' reports together, and how many hospitals they came from. */
export type RegionDryRunReport = DryRunReport & { readonly hospitals: number };

/**
 * What a proposed region policy would have done to the last `days` of prompts of every hospital in the
 * region, each with its own rules as they stand: the hospitals' replays (`server/admin/dry-run.ts`)
 * added up. Nothing is stored.
 */
export async function regionDryRun(
  services: Services,
  policy: RegionPolicy,
  days: number,
): Promise<RegionDryRunReport> {
  const reference = await services.reference.current();
  const hospitals = [...reference.institutions.values()].filter((institution) => institution.region === policy.code);
  const reports: DryRunReport[] = [];
  for (const hospital of hospitals) {
    const current = configurationFor(reference, hospital.id, services.config.timeZone);
    if (!current) continue;
    reports.push(
      await dryRun(
        services.reader,
        reference,
        hospital.id,
        reference.overrides.get(hospital.id) ?? NO_OVERRIDE,
        current,
        {
          days,
          now: services.clock(),
          timeZone: services.config.timeZone,
          policy,
        },
      ),
    );
  }
  const sum = (pick: (report: DryRunReport) => number) => reports.reduce((total, report) => total + pick(report), 0);
  const disappearReasons: Record<string, number> = {};
  for (const report of reports)
    for (const [reason, count] of Object.entries(report.disappearReasons))
      disappearReasons[reason] = (disappearReasons[reason] ?? 0) + count;
  return {
    days,
    from: daysBefore(services.clock(), days).toISOString(),
    evaluated: sum((report) => report.evaluated),
    unchanged: sum((report) => report.unchanged),
    wouldDisappear: sum((report) => report.wouldDisappear),
    disappearReasons,
    acceptedAmongDisappearing: sum((report) => report.acceptedAmongDisappearing),
    indicatorChanges: sum((report) => report.indicatorChanges),
    samples: reports.flatMap((report) => report.samples).slice(0, 20),
    limits: 'past-cards-only',
    hospitals: reports.length,
  };
}
