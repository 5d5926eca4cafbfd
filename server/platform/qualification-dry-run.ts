import type { z } from 'zod';
import {
  daysBefore,
  localDate,
  qualificationChangeEffect,
  type Qualification,
  type QualifiedResult,
} from '../../rules';
import type { qualificationChangeSchema } from '../contract/platform';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import { findQualification, listQualifications, resultTimesOfInstitution } from '../store/registry';

/** How far back stored results are replayed: a year holds every item's window. */
const LOOK_BACK_DAYS = 365;

const sameRecord = (a: Qualification, b: Qualification) =>
  a.institutionId === b.institutionId &&
  a.kind === b.kind &&
  a.validFrom === b.validFrom &&
  JSON.stringify(a.scope) === JSON.stringify(b.scope);

/**
 * Issue 21 point 2: before a qualification is recorded or withdrawn, how many of the institution's
 * stored results of the past year it makes pass the qualification check, or no longer pass it. The
 * assessment interval is the institution's own region's.
 */
export async function qualificationDryRun(services: Services, change: z.infer<typeof qualificationChangeSchema>) {
  let institutionId: string;
  let current: Qualification[];
  let after: Qualification[];
  if (change.add) {
    institutionId = change.add.institutionId;
    current = await listQualifications(services.reader, institutionId);
    const added = change.add;
    after = [...current.filter((held) => !sameRecord(held, added)), added];
  } else {
    const withdrawal = change.withdraw as { id: number; withdrawnOn: string };
    const target = await findQualification(services.reader, withdrawal.id);
    if (!target) throw new HttpError(404, 'not-found', `no qualification ${withdrawal.id}`, 'withdraw.id');
    institutionId = target.institutionId;
    const held = await listQualifications(services.reader, institutionId);
    current = held;
    after = held.map((held) => (held.id === withdrawal.id ? { ...held, withdrawnOn: withdrawal.withdrawnOn } : held));
  }
  const reference = await services.reference.current();
  const institution = reference.institutions.get(institutionId);
  if (!institution)
    throw new HttpError(400, 'invalid', `institution ${institutionId} is not registered`, 'institutionId');
  const interval = reference.regions.get(institution.region)?.assessmentIntervalMonths ?? null;
  const { timeZone } = services.config;
  const sinceInstant = daysBefore(services.clock(), LOOK_BACK_DAYS);
  const results: QualifiedResult[] = (
    await resultTimesOfInstitution(services.reader, institutionId, sinceInstant.toISOString())
  ).flatMap(({ itemCode, effectiveAt }) => {
    const item = reference.catalog.get(itemCode);
    return item ? [{ item, resultDate: localDate(new Date(effectiveAt), timeZone) }] : [];
  });
  const effect = qualificationChangeEffect(results, current, after, interval);
  return {
    institutionId,
    since: localDate(sinceInstant, timeZone),
    examined: results.length,
    gained: effect.gained,
    lost: effect.lost,
    byItem: [...effect.byItem].map(([itemCode, counts]) => ({ itemCode, ...counts })),
  };
}
