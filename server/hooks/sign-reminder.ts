import type { Verdict } from '../../rules';
import type { Messages, SignReminderKind } from '../i18n';
import type { StoredResult } from '../store/results';
import type { RenderedCard } from './cards';
import { escapeMarkdown, fitSummary } from './markdown';

/**
 * An order the doctor was already prompted for at order-select and signs still undecided: the card
 * at signing says what is new (the decision is still missing, and signing now logs a repeat), instead
 * of repeating the select-time card word for word. Suggestions and the app link stay: the doctor can
 * still act on it.
 */
export function asSignReminder(
  rendered: RenderedCard,
  verdict: Verdict<StoredResult>,
  itemName: string,
  messages: Messages,
): RenderedCard {
  const { card } = rendered;
  const kind = reminderKind(verdict);
  return {
    ...rendered,
    card: {
      ...card,
      summary: fitSummary(messages.signReminderSummary(itemName, kind)),
      detail: [
        `> ${escapeMarkdown(messages.signReminderNote[kind])}`,
        '',
        `**${escapeMarkdown(card.summary)}**`,
        '',
        card.detail ?? '',
      ].join('\n'),
    },
  };
}

/** What the prompt was about, as order-sign counts it: only external and own repeats are logged as unexplained. */
export function reminderKind(verdict: Verdict<StoredResult>): SignReminderKind {
  if (verdict.presentation === 'inform') return 'emergency';
  const best = verdict.recognisable[0];
  if (!best) return 'panel';
  return best.own ? 'own' : 'external';
}
