import {
  daysBefore,
  decide,
  relatedItemCodes,
  survey,
  type EffectiveConfiguration,
  type EncounterKind,
  type OrderedItem,
  type Verdict,
} from '../../rules';
import type { Caller } from '../auth/caller';
import type { InstitutionRecord } from '../contract/admin';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import { seenAtHospital } from '../store/own-patients';
import type { ReferenceData } from '../store/reference';
import { resultsForPatient, type StoredResult } from '../store/results';

/** `李明（Practitioner/dr-li）`: the doctor by name and by the id the channel gave; null when it gave neither. */
function readerName(user: Resolution['user']): string | null {
  if (user.ref === 'unknown') return user.name;
  return user.name ? `${user.name}（${user.ref}）` : user.ref;
}

/** How far back a card or a report makes someone a hospital's own patient, for explain. */
export const OWN_PATIENT_DAYS = 365;

export interface DraftOrder extends OrderedItem {
  /** The order's identity in the caller's system (`ServiceRequest/{id}`, a HIS order id); null when none was sent. */
  readonly orderRef: string | null;
  readonly label: string | null;
}

export interface EncounterFacts {
  readonly ref: string | null;
  readonly kind: EncounterKind;
  readonly departmentCode: string | null;
  readonly departmentName: string | null;
}

/**
 * What every channel resolves a call to before the rules run: the ordering hospital with its
 * configuration, the patient's key, the visit, the ordering doctor and the draft orders mapped to items.
 * The CDS Hooks channel resolves it from FHIR (server/hooks/resolve.ts), the HIS channel from the HIS's
 * own terms (server/his/resolve.ts); from here on the stages are the same.
 */
export interface Resolution {
  readonly hospital: InstitutionRecord;
  readonly configuration: EffectiveConfiguration;
  readonly reference: ReferenceData;
  readonly patientKey: string;
  readonly encounter: EncounterFacts;
  readonly user: { readonly ref: string; readonly name: string | null };
  readonly orders: readonly DraftOrder[];
}

export interface Assessment extends Resolution {
  readonly verdicts: readonly Verdict<StoredResult>[];
}

export type AssessmentScope = 'selections' | 'all-drafts' | 'history';

/** Nothing to judge: no draft order in scope, or a patient without a national identifier. */
export interface NothingToAssess {
  readonly nothing: 'no-orders' | 'patient-not-identifiable';
}

/**
 * The assess stage: the patient's results of the ordered items (or all of them, for history), logged
 * as read, judged by the rules. A caller limited to its own patients is refused here, before any read.
 */
export async function assessResolution(
  resolution: Resolution,
  scope: AssessmentScope,
  caller: Caller,
  services: Services,
): Promise<Assessment> {
  const { hospital, configuration, reference, patientKey: key } = resolution;
  // Whose patient this is, Huren's records say, never the request (its Encounter names any hospital).
  if (caller.ownPatientsOnly) {
    const since = daysBefore(services.clock(), OWN_PATIENT_DAYS).toISOString();
    // The EHR's own reads reach the log in batches: the latest must be in before it is consulted.
    await services.accessLog.flush();
    if (!(await seenAtHospital(services.reader, hospital.id, key, since))) {
      if (caller.access)
        services.accessLog.note(caller.access, { hospitalId: hospital.id, patientKey: key, results: 0, refused: true });
      throw new HttpError(
        403,
        'not-own-patient',
        `explain is for this hospital's own patients: a card issued here, a report from here, or a chart this hospital's EHR opened, in the last ${OWN_PATIENT_DAYS} days`,
      );
    }
  }
  const itemCodes =
    scope === 'history'
      ? undefined
      : relatedItemCodes(
          resolution.orders.flatMap((order) => (order.itemCode ? [order.itemCode] : [])),
          configuration,
        );
  const results = await resultsForPatient(services.reader, key, itemCodes);
  // Who looked, as people reading the log know them: the doctor the channel named (the EHR's user, the
  // HIS's 医生工号), the client itself staying the actor.
  if (caller.access)
    services.accessLog.note(
      {
        ...caller.access,
        name: caller.readsAsUser ? (readerName(resolution.user) ?? caller.access.name) : caller.access.name,
      },
      { hospitalId: hospital.id, patientKey: key, results: results.length },
    );
  const recognitionFacts = {
    results,
    institutions: reference.ruleInstitutions,
    qualifications: reference.qualificationsByInstitution,
    encounter: resolution.encounter.kind,
    configuration,
    now: services.clock(),
  };
  return {
    ...resolution,
    verdicts: scope === 'history' ? survey(recognitionFacts) : decide(resolution.orders, recognitionFacts),
  };
}
