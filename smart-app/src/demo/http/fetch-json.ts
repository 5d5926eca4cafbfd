import type { z } from 'zod';

/** A call the workstation made that did not give the expected answer: HTTP status (null: no answer at all) and a technical detail. */
export class CallFailed extends Error {
  constructor(
    readonly status: number | null,
    detail: string,
  ) {
    super(detail);
    this.name = 'CallFailed';
  }
}

/** The technical text of what went wrong, for the small print under a message. */
export function detailOf(error: unknown): string {
  if (error instanceof CallFailed)
    return error.status === null ? error.message : `HTTP ${error.status}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

export interface JsonCall {
  readonly method?: 'GET' | 'POST' | 'PUT';
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** The first words of a refusal: an OperationOutcome's diagnostics, our API's message, or the text. */
function refusalText(text: string): string {
  try {
    const body = JSON.parse(text) as { issue?: { diagnostics?: string }[]; error?: { message?: string } };
    return body.issue?.[0]?.diagnostics ?? body.error?.message ?? text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}

/** Same-origin JSON call whose answer is checked against `schema`; anything else is a CallFailed. */
export async function fetchJson<T>(path: string, schema: z.ZodType<T>, call: JsonCall = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, window.location.origin), {
      method: call.method ?? (call.body === undefined ? 'GET' : 'POST'),
      headers: {
        accept: 'application/json',
        ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...call.headers,
      },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    });
  } catch (error) {
    throw new CallFailed(null, error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  if (!response.ok) throw new CallFailed(response.status, refusalText(text));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new CallFailed(response.status, `not JSON: ${text.slice(0, 100)}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new CallFailed(
      response.status,
      `unexpected answer from ${path}: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`,
    );
  return parsed.data;
}
