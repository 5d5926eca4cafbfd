import type { Database } from '../store/database';
import { diagnosticReportSchema, type Bundle } from '../contract/fhir';
import type { OperationOutcome } from '../contract/errors';
import { pathExpression } from '../errors/http-error';
import { outcome } from '../errors/operation-outcome';
import type { ReferenceData } from '../store/reference';
import { upsertResults, type IncomingResult } from '../store/results';
import { BundleIndex } from './bundle-index';
import { extractResult, type EntryProblem } from './report-extraction';

/** Resources that may travel with reports as their context; they are read, not stored. */
const CONTEXT_TYPES = new Set([
  'Patient',
  'Organization',
  'Observation',
  'ImagingStudy',
  'Endpoint',
  'Specimen',
  'Practitioner',
  'PractitionerRole',
  'Device',
  'ServiceRequest',
  'Encounter',
]);

export interface BundleEntryResponse {
  readonly response: {
    readonly status: string;
    readonly location?: string;
    readonly outcome?: OperationOutcome;
  };
}

export interface IngestAnswer {
  readonly httpStatus: 200 | 400;
  readonly bundle: {
    readonly resourceType: 'Bundle';
    readonly type: 'batch-response' | 'transaction-response';
    readonly entry: BundleEntryResponse[];
  };
  readonly stored: number;
}

type Planned =
  | { readonly kind: 'result'; readonly result: IncomingResult }
  | { readonly kind: 'context' }
  | { readonly kind: 'problem'; readonly problem: EntryProblem };

const STATUS_TEXT: Record<number, string> = { 400: '400 Bad Request', 422: '422 Unprocessable Entity' };

function problemResponse(problem: EntryProblem, position: number): BundleEntryResponse {
  return {
    response: {
      status: STATUS_TEXT[problem.status] ?? `${problem.status}`,
      outcome: outcome({
        severity: 'error',
        code: problem.code,
        diagnostics: `entry[${position}]: ${problem.diagnostics}`,
        expression: [
          `Bundle.entry[${position}].resource.${problem.expression.replace(/^\w+\./, '')}`,
          problem.expression,
        ],
      }),
    },
  };
}

function plan(
  bundle: Bundle,
  context: { reference: ReferenceData; patientKeySecret: string; patientIdentifierSystems: readonly string[] },
): Planned[] {
  const index = new BundleIndex(bundle);
  return (bundle.entry ?? []).map((entry): Planned => {
    const resource = entry.resource;
    if (!resource)
      return {
        kind: 'problem',
        problem: {
          status: 400,
          code: 'required',
          expression: 'Bundle.entry.resource',
          diagnostics: 'the entry has no resource',
        },
      };
    if (resource.resourceType !== 'DiagnosticReport') {
      return CONTEXT_TYPES.has(resource.resourceType)
        ? { kind: 'context' }
        : {
            kind: 'problem',
            problem: {
              status: 422,
              code: 'not-supported',
              expression: resource.resourceType,
              diagnostics: `${resource.resourceType} is not accepted by the results index`,
            },
          };
    }
    const parsed = diagnosticReportSchema.safeParse(resource);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return {
        kind: 'problem',
        problem: {
          status: 400,
          code: 'invalid',
          expression: `DiagnosticReport.${pathExpression(first?.path ?? [])}`,
          diagnostics: `${pathExpression(first?.path ?? []) || 'resource'}: ${first?.message ?? 'invalid'}`,
        },
      };
    }
    const extracted = extractResult(parsed.data, { ...context, index });
    return extracted.ok
      ? { kind: 'result', result: extracted.result }
      : { kind: 'problem', problem: extracted.problem };
  });
}

/**
 * The results a Bundle carries when every entry reads cleanly; null when any entry is refused (the
 * caller then files it through `ingestBundle`, which names each refusal).
 */
export function cleanResults(
  bundle: Bundle,
  context: { reference: ReferenceData; patientKeySecret: string; patientIdentifierSystems: readonly string[] },
): IncomingResult[] | null {
  const results: IncomingResult[] = [];
  for (const item of plan(bundle, context)) {
    if (item.kind === 'problem') return null;
    if (item.kind === 'result') results.push(item.result);
  }
  return results;
}

/**
 * Batch: every good entry is stored, every bad one answered with its own OperationOutcome.
 * Transaction: all or nothing; the answer still names each bad entry.
 */
export async function ingestBundle(
  db: Database,
  bundle: Bundle,
  mode: 'batch' | 'transaction',
  context: {
    reference: ReferenceData;
    patientKeySecret: string;
    patientIdentifierSystems: readonly string[];
    now: Date;
  },
): Promise<IngestAnswer> {
  const planned = plan(bundle, context);
  const type = mode === 'batch' ? 'batch-response' : 'transaction-response';
  const failed = planned.some((entry) => entry.kind === 'problem');
  if (mode === 'transaction' && failed) {
    const firstBad = planned.findIndex((entry) => entry.kind === 'problem');
    const entry = planned.map((item, position): BundleEntryResponse =>
      item.kind === 'problem'
        ? problemResponse(item.problem, position)
        : {
            response: {
              status: '424 Failed Dependency',
              outcome: outcome({
                severity: 'information',
                code: 'incomplete',
                diagnostics: `not applied: the transaction failed at entry[${firstBad}]`,
              }),
            },
          },
    );
    return { httpStatus: 400, bundle: { resourceType: 'Bundle', type, entry }, stored: 0 };
  }
  const positions = planned.flatMap((item, position) => (item.kind === 'result' ? [position] : []));
  const incoming = planned.flatMap((item) => (item.kind === 'result' ? [item.result] : []));
  const outcomes = await db.transaction((trx) => upsertResults(trx, incoming, context.now));
  const written = new Map(positions.map((position, index) => [position, outcomes[index]]));
  const entry = planned.map((item, position): BundleEntryResponse => {
    if (item.kind === 'problem') return problemResponse(item.problem, position);
    if (item.kind === 'context') return { response: { status: '200 OK' } };
    const stored = written.get(position);
    const location = `DiagnosticReport/${stored?.id}/_history/${stored?.version}`;
    const removed = item.result.status === 'entered-in-error';
    return {
      response: {
        status: stored?.created ? '201 Created' : '200 OK',
        location,
        ...(removed
          ? {
              outcome: outcome({
                severity: 'information',
                code: 'informational',
                diagnostics: 'marked entered-in-error: no longer offered for recognition',
              }),
            }
          : {}),
      },
    };
  });
  return { httpStatus: 200, bundle: { resourceType: 'Bundle', type, entry }, stored: written.size };
}
