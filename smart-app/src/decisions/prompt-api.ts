import { z } from 'zod';
import type { DecisionAnswer, DecisionInput, PromptView } from '../../../server/contract/decisions';
import { apiFetch, ApiProblem } from '../shared/http';
import type { Language } from '../i18n/language';
import type { CardIdentity, LaunchProof } from '../launch/smart';
import type { WriteBackReport } from '../launch/write-back';

export type { WriteBackReport } from '../launch/write-back';

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
  const send = (path: string, body: unknown): Promise<Response> =>
    apiFetch(new URL(path, window.location.origin), {
      token,
      language,
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  const renew = async (): Promise<void> => {
    let response: Response;
    try {
      response = await send(`${base}/renewal`, proof);
    } catch (error) {
      if (error instanceof ApiProblem && error.status !== null)
        throw new ApiProblem(error.status, 'renewal-refused', null, error.message);
      throw error;
    }
    token = renewalSchema.parse(await response.json()).token;
  };
  const call = async <T>(path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await send(path, body);
    } catch (error) {
      if (!(error instanceof ApiProblem) || error.code !== 'expired' || !proof) throw error;
      await renew();
      response = await send(path, body);
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
