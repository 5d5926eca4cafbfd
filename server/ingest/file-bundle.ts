import { bundleSchema } from '../contract/fhir';
import type { Services } from '../services';
import type { ReferenceData } from '../store/reference';
import type { Filed } from '../store/receipts';
import { cleanResults, ingestBundle } from './ingest';

/** Why FHIR's extraction refused a report, in the words a LIS or PACS engineer needs. */
function refusalText(status: string, diagnostics: string): string {
  if (/catalog item|code/i.test(diagnostics))
    return `项目编码未能对照到互认目录，请在“项目对照”中维护（${diagnostics}）`;
  if (/institution/i.test(diagnostics)) return `执行机构未在平台登记（${diagnostics}）`;
  if (/time|effective/i.test(diagnostics)) return `缺少检查检验时间（${diagnostics}）`;
  return `报告无法入库：${status} ${diagnostics}`;
}

const ingestContext = (services: Services, reference: ReferenceData) => ({
  reference,
  patientKeySecret: services.config.patientKeySecret,
  patientIdentifierSystems: services.config.patientIdentifierSystems,
  now: services.clock(),
});

/**
 * A report that came another way, as a FHIR Bundle, filed by the extraction `POST /fhir` uses (one
 * transaction). The answer lists why any of its reports was refused; empty when all were stored.
 */
export async function fileBundle(
  services: Services,
  bundle: Record<string, unknown>,
  reference: ReferenceData,
): Promise<string[]> {
  // A report larger than FHIR's ingest takes (over 10,000 entries, over 500 results a report) is the
  // sender's to split: refused and quarantined like any other, never our error.
  const parsed = bundleSchema.safeParse(bundle);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return [`报告超出可接收的规模（${issue?.path.join('.') ?? ''}：${issue?.message ?? ''}），请拆分后重新发送`];
  }
  const answer = await ingestBundle(services.db, parsed.data, 'batch', ingestContext(services, reference));
  services.metrics.resultsIngested.inc(answer.stored);
  return answer.bundle.entry.flatMap((entry) =>
    /^20[01]/.test(entry.response.status)
      ? []
      : [refusalText(entry.response.status, entry.response.outcome?.issue[0]?.diagnostics ?? '')],
  );
}

/**
 * One message's reports, under the source's control or document id. A message that reads cleanly is
 * filed by the group commit (with its duplicate check and its received record, in one commit shared
 * with the messages that arrived beside it); one with a refused report goes through `fileBundle`,
 * which stores what it can and names the rest.
 */
export async function fileMessage(
  services: Services,
  message: { readonly sourceId: string; readonly controlId: string },
  bundle: Record<string, unknown>,
  reference: ReferenceData,
): Promise<{ readonly filed: Filed } | { readonly refused: string[] }> {
  const parsed = bundleSchema.safeParse(bundle);
  const results = parsed.success ? cleanResults(parsed.data, ingestContext(services, reference)) : null;
  if (!results) return { refused: await fileBundle(services, bundle, reference) };
  const filed = await services.receipts.file({ ...message, results });
  if (filed === 'stored') services.metrics.resultsIngested.inc(results.length);
  return { filed };
}
