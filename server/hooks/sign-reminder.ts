import type { Messages } from '../i18n';
import type { RenderedCard } from './cards';
import { escapeMarkdown, fitSummary } from './markdown';

/**
 * An order the doctor was already prompted for at order-select and signs still undecided: the card
 * at signing says what is new (the decision is still missing, and signing now logs a repeat), instead
 * of repeating the select-time card word for word. Suggestions and the app link stay: the doctor can
 * still act on it.
 */
export function asSignReminder(rendered: RenderedCard, itemName: string, messages: Messages): RenderedCard {
  const { card } = rendered;
  return {
    ...rendered,
    card: {
      ...card,
      summary: fitSummary(messages.signReminderSummary(itemName)),
      detail: [
        `> ${escapeMarkdown(messages.signReminderNote)}`,
        '',
        `**${escapeMarkdown(card.summary)}**`,
        '',
        card.detail ?? '',
      ].join('\n'),
    },
  };
}
