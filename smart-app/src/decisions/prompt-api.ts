import { z } from 'zod';
import type { DecisionAnswer, DecisionInput, PromptView } from '../../../server/contract/decisions';
import type { Language } from '../i18n/language';
import type { CardIdentity, LaunchProof } from '../launch/smart';

/** A refusal from our API (`{error:{code,message,field}}`), or `unreachable` when no answer came at all. */
export class ApiProblem extends Error {
  constructor(
    /** HTTP status; null when the server could not be reached. */
    readonly status: number | null,
    readonly code: string,
    /** The input path the server names (`explanation`, `notification.party`), if any. */
    readonly field: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
}

const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().nullable() }) });

export interface WriteBackReport {
  readonly status: 'written' | 'refused';
  readonly detail: string | null;
}

/** The decision API for one card, speaking the doctor's language (server texts follow `Accept-Language`). */
export interface PromptApi {
  view(): Promise<PromptView>;
  decide(input: DecisionInput): Promise<DecisionAnswer>;
  reportWriteBack(report: WriteBackReport): Promise<DecisionAnswer>;
}

const renewalSchema = z.object({ token: z.string().min(1) });

/**
 * The decision API for one card. When the card's token has expired (the doctor comes back later),
 * the launch's proof of the same patient renews it once, and the call is made again: no dead end.
 */
export function promptApi(card: CardIdentity, language: Language, proof: LaunchProof | null = null): PromptApi {
  const base = `/api/prompts/${encodeURIComponent(card.promptId)}`;
  let token = card.token;
  const send = async (path: string, body: unknown): Promise<Response> => {
    try {
      // Absolute, so the same code runs where fetch has no page to resolve against (the tests' Node fetch).
      return await fetch(new URL(path, window.location.origin), {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'accept-language': language,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new ApiProblem(null, 'unreachable', null, error instanceof Error ? error.message : String(error));
    }
  };
  const renew = async (): Promise<void> => {
    const response = await send(`${base}/renewal`, proof);
    if (!response.ok) {
      const problem = await problemFrom(response);
      throw new ApiProblem(problem.status, 'renewal-refused', null, problem.message);
    }
    token = renewalSchema.parse(await response.json()).token;
  };
  const call = async <T,>(path: string, body?: unknown): Promise<T> => {
    let response = await send(path, body);
    if (!response.ok) {
      const problem = await problemFrom(response);
      if (problem.code !== 'expired' || !proof) throw problem;
      await renew();
      response = await send(path, body);
      if (!response.ok) throw await problemFrom(response);
    }
    // Our own server, whose answers are validated against these schemas by its own tests.
    return (await response.json()) as T;
  };
  return {
    view: () => call<PromptView>(base),
    decide: (input) => call<DecisionAnswer>(`${base}/decision`, input),
    reportWriteBack: (report) => call<DecisionAnswer>(`${base}/write-back`, report),
  };
}

async function problemFrom(response: Response): Promise<ApiProblem> {
  const parsed = errorBodySchema.safeParse(await response.json().catch(() => null));
  if (parsed.success) return new ApiProblem(response.status, parsed.data.error.code, parsed.data.error.field, parsed.data.error.message);
  // A gateway's own page in front of a server that is down: for the doctor, that server cannot be reached.
  const gatewayDown = response.status === 502 || response.status === 503 || response.status === 504;
  return new ApiProblem(response.status, gatewayDown ? 'unreachable' : 'unexpected', null, `HTTP ${response.status}`);
}
