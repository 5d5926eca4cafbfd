import type { EncounterKind } from '../../rules';
import type { Caller } from '../auth/caller';
import { badRequest, preconditionFailed } from '../errors/operation-outcome';
import { writtenName } from '../contract/human-name';
import { institutionIdFrom, itemCodeFor } from '../fhir/item-codes';
import { nationalIdOf, patientKey } from '../fhir/patient-key';
import { serviceRequestSchema, type Encounter, type ServiceRequest } from '../contract/fhir';
import type { Services } from '../services';
import { configurationFor, type ReferenceData } from '../store/reference';
import { ownValue } from '../web/own-key';
import type { HookRequest } from '../contract/cds-hooks';
import { gatherFhirContext } from '../fhir/context';
import { allowedAddresses, isListed, type AddressVerdict } from '../fhir/ehr-address';
import {
  assessResolution,
  type Assessment,
  type AssessmentScope,
  type DraftOrder,
  type EncounterFacts,
  type NothingToAssess,
  type Resolution,
} from '../pipeline/resolution';

/** Refusals decided on the URL alone, before any connection: saying so tells nothing about the network. */
const REFUSED_SERVER = new Set(['forbidden-address']);
const NOT_READABLE = 'fhirServer is not a FHIR server Huren may read for this client';

const ENCOUNTER_CLASSES: Record<string, EncounterKind> = {
  EMER: 'emergency',
  IMP: 'inpatient',
  ACUTE: 'inpatient',
  NONAC: 'inpatient',
  SS: 'inpatient',
  AMB: 'outpatient',
  VR: 'outpatient',
  HH: 'outpatient',
};

function encounterFacts(encounter: Encounter | null, encounterId: string | undefined): EncounterFacts {
  const department = encounter?.serviceType;
  const coding = department?.coding?.[0];
  return {
    ref: encounterId ? (encounterId.includes('/') ? encounterId : `Encounter/${encounterId}`) : null,
    kind: ownValue(ENCOUNTER_CLASSES, encounter?.class?.code ?? '') ?? 'unknown',
    departmentCode: coding?.code ?? null,
    departmentName: coding?.display ?? department?.text ?? null,
  };
}

function hospitalFromEncounter(encounter: Encounter | null, reference: ReferenceData): string | null {
  const provider = encounter?.serviceProvider;
  if (!provider) return null;
  const byIdentifier = institutionIdFrom(provider.identifier ? [provider.identifier] : undefined);
  if (byIdentifier) return byIdentifier;
  const id = /^Organization\/(.+)$/.exec(provider.reference ?? '')?.[1];
  return id && reference.institutions.has(id) ? id : null;
}

function selected(
  selections: readonly string[] | undefined,
  resource: ServiceRequest,
  fullUrl: string | undefined,
): boolean {
  if (!selections) return true;
  return selections.some(
    (selection) =>
      selection === `ServiceRequest/${resource.id}` ||
      selection === resource.id ||
      (fullUrl !== undefined && selection === fullUrl),
  );
}

interface DraftServiceRequest {
  readonly position: number;
  readonly order: ServiceRequest;
}

/** ServiceRequests in the draft Bundle still to be signed (order-select: only the selected ones). */
function draftServiceRequests(request: HookRequest, onlySelected: boolean): DraftServiceRequest[] {
  const drafts: DraftServiceRequest[] = [];
  for (const [position, entry] of (request.context.draftOrders?.entry ?? []).entries()) {
    if (entry.resource.resourceType !== 'ServiceRequest') continue;
    const parsed = serviceRequestSchema.safeParse(entry.resource);
    if (!parsed.success) {
      const path = parsed.error.issues[0]?.path.join('.') ?? '';
      throw badRequest(
        `context.draftOrders.entry[${position}].resource.${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
        `context.draftOrders.entry[${position}].resource.${path}`,
      );
    }
    const order = parsed.data;
    // A re-signed order (already active) is not a new request for the same examination.
    if (order.status && order.status !== 'draft') continue;
    if (onlySelected && !selected(request.context.selections, order, entry.fullUrl)) continue;
    drafts.push({ position, order });
  }
  return drafts;
}

function mapOrders(
  drafts: readonly DraftServiceRequest[],
  reference: ReferenceData,
  hospitalId: string,
  unmapped: Services['unmappedCodes'],
): DraftOrder[] {
  return drafts.map(({ position, order }) => {
    const orderRef = order.id ? `ServiceRequest/${order.id}` : null;
    const itemCode = itemCodeFor(order.code?.coding, reference, hospitalId);
    if (itemCode === null) unmapped.note(hospitalId, order.code?.coding);
    return {
      orderId: orderRef ?? `draftOrders.entry[${position}]`,
      orderRef,
      itemCode,
      label: order.code?.text ?? order.code?.coding?.find((coding) => coding.display)?.display ?? null,
    };
  });
}

/**
 * The CDS Hooks channel's resolve stage: pick the draft ServiceRequests → gather the FHIR context →
 * identify the patient and the hospital → map orders to items. Returns early, fetching nothing, when
 * there is nothing to judge.
 */
export async function resolveHook(
  request: HookRequest,
  scope: AssessmentScope,
  caller: Caller,
  services: Services,
  startedAt: number,
): Promise<Resolution | NothingToAssess> {
  const drafts = scope === 'history' ? [] : draftServiceRequests(request, scope === 'selections');
  if (scope !== 'history' && drafts.length === 0) return { nothing: 'no-orders' };
  const now = () => Date.now();
  const deadline = startedAt + services.config.hookBudgetMs - Math.min(100, services.config.hookBudgetMs / 5);
  // A fhirServer the client did not register is refused whether or not it would be read: it is never
  // read, and never signed into a card's token (renewal reads only that address).
  if (
    request.fhirServer !== undefined &&
    !isListed(request.fhirServer, { registered: caller.fhirServers, allowAny: services.config.fhirServerAny })
  ) {
    services.metrics.prefetchFallbacks.inc({ resource: 'patient', outcome: 'unlisted' });
    throw preconditionFailed(`cannot use fhirServer: ${NOT_READABLE}`, 'fhirServer');
  }
  let resolved: Promise<AddressVerdict> | undefined;
  const addresses = () =>
    (resolved ??= allowedAddresses(new URL(request.fhirServer ?? '').hostname, services.resolveHost));
  const [fhir, reference] = await Promise.all([
    gatherFhirContext({
      request,
      deadline,
      metrics: services.metrics,
      now,
      addresses,
      onDropped: (key, fields) =>
        services.logger.warn(
          { prefetch: key, fields },
          'context Huren cannot read was left out; answering from the rest',
        ),
    }),
    services.reference.current(),
  ]);
  if (fhir.patient.state !== 'found') {
    // One text whether the server was closed, slow, refusing or not a FHIR server at all: the answer
    // must not let a caller map networks through us (the reason is in the metrics).
    const refused = fhir.patient.state === 'unavailable' && REFUSED_SERVER.has(fhir.patient.reason);
    const why = refused ? NOT_READABLE : 'it is not in prefetch and could not be read from fhirServer';
    throw preconditionFailed(`cannot identify the patient: ${why}`, 'prefetch.patient');
  }
  const nationalId = nationalIdOf(fhir.patient.resource.identifier, services.config.patientIdentifierSystems);
  if (!nationalId) return { nothing: 'patient-not-identifiable' };
  const encounter = fhir.encounter.state === 'found' ? fhir.encounter.resource : null;
  // Without CDS_AUTH no registration names the hospital; clients that send no Encounter (the sandbox,
  // the spec's examples) get the development default, if one is set.
  const hospitalId =
    caller.hospitalId ??
    hospitalFromEncounter(encounter, reference) ??
    (services.config.cdsAuth ? null : services.config.devDefaultHospital);
  const hospital = hospitalId ? reference.institutions.get(hospitalId) : undefined;
  const configuration = hospitalId ? configurationFor(reference, hospitalId, services.config.timeZone) : null;
  if (!hospital || !configuration) {
    throw preconditionFailed(
      hospitalId
        ? `the ordering hospital "${hospitalId}" is not registered`
        : 'cannot determine the ordering hospital: register the CDS client, send the Encounter with its serviceProvider, or (development) set DEV_DEFAULT_HOSPITAL',
      'prefetch.encounter.serviceProvider',
    );
  }
  const resolution: Resolution = {
    hospital,
    configuration,
    reference,
    patientKey: patientKey(services.config.patientKeySecret, nationalId),
    encounter: encounterFacts(encounter, request.context.encounterId),
    user: {
      ref: request.context.userId ?? 'unknown',
      name: writtenName(fhir.user.state === 'found' ? fhir.user.resource.name : undefined),
    },
    orders: mapOrders(drafts, reference, hospital.id, services.unmappedCodes),
  };
  return resolution;
}

/** The CDS Hooks channel up to the verdicts, shared by the hooks and /api/explain: resolve, then assess. */
export async function assess(
  request: HookRequest,
  scope: AssessmentScope,
  caller: Caller,
  services: Services,
  startedAt: number,
): Promise<Assessment | NothingToAssess> {
  const resolution = await resolveHook(request, scope, caller, services, startedAt);
  if ('nothing' in resolution) return resolution;
  return assessResolution(resolution, scope, caller, services);
}
