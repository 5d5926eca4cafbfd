import { relatedItemCodes, decide, type EffectiveConfiguration, type Verdict } from '../../rules';
import type { DecisionGrant } from '../auth/decision-token';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import { decisionHistory, findDecision, type StoredDecision } from '../store/decisions';
import { findPrompt, type Prompt } from '../store/prompts';
import { configurationFor, type ReferenceData } from '../store/reference';
import { resultsForPatient, type StoredResult } from '../store/results';

/** Everything a decision needs about one prompt: its item judged again now, and the decisions so far. */
export interface JudgedPrompt {
  readonly prompt: Prompt & { readonly itemCode: string };
  readonly reference: ReferenceData;
  readonly configuration: EffectiveConfiguration;
  /** The card's item judged again now, with today's rules and results. */
  readonly verdict: Verdict<StoredResult>;
  readonly decision: StoredDecision | null;
  readonly history: readonly StoredDecision[];
}

/** A card's judged prompt, checked against the token that names it (the decision API). */
export interface PromptContext extends JudgedPrompt {
  readonly grant: DecisionGrant;
}

export async function loadPromptContext(
  services: Services,
  promptId: string,
  authorization: string | undefined,
): Promise<PromptContext> {
  const grant = await services.decisionTokens.verify(authorization, promptId);
  const prompt = await findPrompt(services.reader, promptId);
  if (!prompt) throw new HttpError(404, 'not-found', `no card ${promptId}`);
  if (prompt.hospitalId !== grant.hospitalId || prompt.patientKey !== grant.patientKey) {
    throw new HttpError(403, 'forbidden', 'this token does not match the card');
  }
  return { grant, ...(await judgedPrompt(services, prompt)) };
}

/** The prompt's item judged again with today's rules and results, with its decision and history. */
export async function judgedPrompt(services: Services, prompt: Prompt): Promise<JudgedPrompt> {
  const { itemCode } = prompt;
  if (itemCode === null)
    throw new HttpError(409, 'not-an-order-card', 'this card lists results for viewing; there is nothing to decide');
  const reference = await services.reference.current();
  const configuration = configurationFor(reference, prompt.hospitalId, services.config.timeZone);
  if (!configuration)
    throw new HttpError(409, 'hospital-unregistered', `hospital ${prompt.hospitalId} is no longer registered`);
  const [results, decision, history] = await Promise.all([
    resultsForPatient(services.reader, prompt.patientKey, relatedItemCodes([itemCode], configuration)),
    findDecision(services.reader, prompt.id),
    decisionHistory(services.reader, prompt.id),
  ]);
  const [verdict] = decide([{ orderId: prompt.orderRef ?? prompt.id, itemCode }], {
    results,
    institutions: reference.ruleInstitutions,
    qualifications: reference.qualificationsByInstitution,
    encounter: prompt.encounterKind,
    configuration,
    now: services.clock(),
  });
  if (!verdict) throw new Error('decide returned no verdict for one order');
  return { prompt: { ...prompt, itemCode }, reference, configuration, verdict, decision, history };
}
