import type { Services } from '../services';
import { deletePrompts, savePrompts, type Prompt } from '../store/prompts';
import { ensureInBudget } from './budget';

/**
 * Stores the prompts behind the cards about to be answered. One statement is atomic by itself: no
 * transaction round trips on the hot path. If it waited past the budget (a locked store), the EHR
 * never saw these cards: take them out again.
 */
export async function savePromptsWithinBudget(
  services: Services,
  prompts: Prompt[],
  timeZone: string,
  signal: AbortSignal,
): Promise<void> {
  ensureInBudget(signal);
  await savePrompts(services.db, prompts, timeZone);
  if (signal.aborted)
    await deletePrompts(
      services.db,
      prompts.map((prompt) => prompt.id),
    );
  ensureInBudget(signal);
}
