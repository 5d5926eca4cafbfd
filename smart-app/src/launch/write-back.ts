import type Client from 'fhirclient/lib/Client';
import { z } from 'zod';
import { receivedOutcomeSchema } from '../../../server/contract/fhir';

/**
 * Writing an accepted result into the EHR's record for the patient in context, and what the EHR said
 * when it refused (its OperationOutcome's words).
 */

/** What writing an accepted result into the EHR's record came to, as the decision API records it. */
export interface WriteBackReport {
  readonly status: 'written' | 'refused';
  readonly detail: string | null;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const createdSchema = z.object({ resourceType: z.string(), id: z.string().min(1) });

export async function writeToRecord(client: Client, resource: Record<string, unknown>): Promise<WriteBackReport> {
  const patientId = client.patient.id;
  if (!patientId) return { status: 'refused', detail: 'the SMART launch has no patient in context' };
  try {
    const { body, response } = await client.create(
      { ...resource, subject: { reference: `Patient/${patientId}` } },
      { includeResponse: true },
    );
    const created = createdSchema.safeParse(body);
    // A server answering `return=minimal` sends no body, only where it put the resource.
    return {
      status: 'written',
      detail: created.success ? `${created.data.resourceType}/${created.data.id}` : response.headers.get('location'),
    };
  } catch (error) {
    return { status: 'refused', detail: refusalDetail(error) };
  }
}

/** fhirclient's HttpError, recognised by its shape (its class does not survive the bundler's CommonJS interop). */
const httpErrorSchema = z.object({
  name: z.literal('HttpError'),
  status: z.number(),
  statusText: z.string(),
  message: z.string(),
});

/** "HTTP 403 Forbidden: <what the EHR's OperationOutcome says>", or the network error. */
function refusalDetail(error: unknown): string {
  const http = httpErrorSchema.safeParse(error);
  if (!http.success) return messageOf(error);
  const status = [`HTTP ${http.data.status}`, http.data.statusText].filter(Boolean).join(' ');
  const said = outcomeText(http.data.message);
  return said ? `${status}: ${said}` : status;
}

/**
 * fhirclient reads the error body into the error's message (after a blank line, as JSON) and leaves
 * the response consumed, so the OperationOutcome can only be had back from there.
 */
function outcomeText(message: string): string | null {
  const start = message.indexOf('\n\n');
  if (start < 0) return null;
  let body: unknown;
  try {
    body = JSON.parse(message.slice(start + 2));
  } catch {
    return null;
  }
  const outcome = receivedOutcomeSchema.safeParse(body);
  if (!outcome.success) return null;
  const texts = outcome.data.issue
    .map((issue) => issue.diagnostics ?? issue.details?.text ?? issue.code)
    .filter((text): text is string => Boolean(text));
  return texts.length > 0 ? texts.join('; ') : null;
}
