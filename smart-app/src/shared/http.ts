import { errorBodySchema, type ErrorCode } from '../../../server/contract/errors';

/**
 * What a call to our API can end in besides an answer: one of the contract's error codes, or what the
 * browser alone can tell (`unreachable`: no answer or a gateway's page; `unexpected`: an answer that is
 * not our error body; `renewal-refused`: an expired card that could not be renewed).
 */
export type HttpProblemCode = ErrorCode | 'unreachable' | 'unexpected' | 'renewal-refused';

/** A refusal from our API (`{error:{code,message,field}}`), or `unreachable` when no answer came at all. */
export class ApiProblem extends Error {
  constructor(
    /** HTTP status; null when the server could not be reached. */
    readonly status: number | null,
    readonly code: HttpProblemCode,
    /** The input path the server names (`explanation`, `notification.party`), if any. */
    readonly field: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
}

/**
 * The app's one way to our API: fetch with the caller's token and language, a failed answer thrown as an
 * ApiProblem. The URL is absolute, so the same code runs where fetch has no page to resolve against
 * (the tests' Node fetch).
 */
export async function apiFetch(
  url: URL,
  init: RequestInit & { readonly token: string; readonly language: string },
): Promise<Response> {
  const { token, language, headers, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(url, {
      ...rest,
      headers: { authorization: `Bearer ${token}`, 'accept-language': language, ...headers },
    });
  } catch (error) {
    throw new ApiProblem(null, 'unreachable', null, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await problemFrom(response);
  return response;
}

async function problemFrom(response: Response): Promise<ApiProblem> {
  const parsed = errorBodySchema.safeParse(await response.json().catch(() => null));
  if (parsed.success)
    return new ApiProblem(response.status, parsed.data.error.code, parsed.data.error.field, parsed.data.error.message);
  // A gateway's own page in front of a server that is down: the server cannot be reached.
  const gatewayDown = response.status === 502 || response.status === 503 || response.status === 504;
  return new ApiProblem(response.status, gatewayDown ? 'unreachable' : 'unexpected', null, `HTTP ${response.status}`);
}
