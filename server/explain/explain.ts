import type { RecognitionItem, Verdict } from '../../rules';
import { badRequest } from '../errors/operation-outcome';
import type { Caller } from '../auth/caller';
import { assess } from '../hooks/resolve';
import { SERVICE_IDS, type HookRequest, type ServiceId } from '../contract/cds-hooks';
import { serviceByHook, validHookRequest } from '../hooks/cds-services';
import { messages as messagesFor, type Locale } from '../i18n';
import type { Services } from '../services';
import type { StoredResult } from '../store/results';
import type { Explanation } from '../contract/explain';

/** Takes exactly what a hook call takes; answers with what the hook would decide and why, storing nothing. */
export function explainValidator(body: unknown): { serviceId: ServiceId; request: HookRequest } {
  const hook = typeof body === 'object' && body !== null ? (body as { hook?: unknown }).hook : undefined;
  const service = typeof hook === 'string' ? serviceByHook(hook) : undefined;
  if (!service) throw badRequest('hook: must be "patient-view", "order-select" or "order-sign"', 'hook');
  // Explain answers from what the request carries: it never reads an EHR, whatever server it names.
  const { fhirServer: _server, fhirAuthorization: _authorization, ...request } = validHookRequest(service, body);
  return { serviceId: service.id, request };
}

export async function explainHandler(
  input: ReturnType<typeof explainValidator>,
  caller: Caller,
  locale: Locale,
  services: Services,
): Promise<Explanation> {
  const scope =
    input.serviceId === SERVICE_IDS.patientView
      ? 'history'
      : input.serviceId === SERVICE_IDS.orderSelect
        ? 'selections'
        : 'all-drafts';
  const assessment = await assess(input.request, scope, caller, services, Date.now());
  const words = messagesFor(locale);
  if ('nothing' in assessment) {
    return {
      outcome: { code: assessment.nothing, text: words.assessmentOutcomes[assessment.nothing] },
      hospital: null,
      encounter: null,
      verdicts: [],
    };
  }
  const institution = (id: string) => {
    const record = assessment.reference.institutions.get(id);
    return { id, name: record?.name ?? id, level: record?.level ?? null };
  };
  const name = (item: RecognitionItem) => (locale === 'en' ? item.nameEn : item.nameZh);
  const itemName = (verdict: Verdict<StoredResult>) => (verdict.item ? name(verdict.item) : '');
  const standsFor = (via: RecognitionItem | null, verdict: Verdict<StoredResult>) =>
    via ? { code: via.code, text: words.standsFor(name(via), itemName(verdict)) } : null;
  return {
    outcome: { code: 'assessed', text: words.assessmentOutcomes.assessed },
    hospital: { id: assessment.hospital.id, name: assessment.hospital.name },
    encounter: {
      kind: { code: assessment.encounter.kind, text: words.encounterKinds[assessment.encounter.kind] },
      department: assessment.encounter.departmentName,
    },
    verdicts: assessment.verdicts.map((verdict) => {
      const order = assessment.orders.find((candidate) => candidate.orderId === verdict.orderId);
      const best = verdict.recognisable[0];
      const summary = verdict.refusal
        ? words.orderRefusals[verdict.refusal]
        : best
          ? (verdict.presentation === 'inform' ? words.informSummary : words.orderSummary)(
              itemName(verdict),
              best.institution.name,
              best.window.resultDate,
              best.window.ageDays,
              best.own,
            )
          : '';
      return {
        orderRef: order?.orderRef ?? null,
        orderLabel: order?.label ?? null,
        item: verdict.item ? { code: verdict.item.code, name: itemName(verdict), window: verdict.item.window } : null,
        refusal: verdict.refusal ? { code: verdict.refusal, text: words.orderRefusals[verdict.refusal] } : null,
        presentation: verdict.presentation,
        recognisable: verdict.recognisable.map((candidate) => ({
          resultId: candidate.result.id,
          institution: institution(candidate.result.institutionId),
          resultDate: candidate.window.resultDate,
          status: candidate.result.status,
          ageDays: candidate.window.ageDays,
          daysLeft: candidate.window.daysLeft,
          warnings: candidate.warnings.map((code) => ({ code, text: words.warnings[code] })),
          own: candidate.own,
          standsFor: standsFor(candidate.via, verdict),
        })),
        excluded: verdict.excluded.map((exclusion) => ({
          resultId: exclusion.result.id,
          institution: institution(exclusion.result.institutionId),
          resultDate: exclusion.window.resultDate,
          status: exclusion.result.status,
          ageDays: exclusion.window.ageDays,
          daysLeft: exclusion.window.daysLeft,
          reasons: exclusion.reasons.map((code) => ({ code, text: words.exclusionReasons[code] })),
          standsFor: standsFor(exclusion.via, verdict),
        })),
        components: verdict.components.map((component) => ({
          item: { code: component.item.code, text: name(component.item) },
          resultIds: component.recognisable.map((candidate) => candidate.result.id),
        })),
        summary,
      };
    }),
  };
}
