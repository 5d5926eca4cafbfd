import type { ConsoleMessages } from '../consoles/i18n/messages';
import type { QualityConsoleMessages } from './i18n/messages';

/** Names for the codes the API sends as they are (disciplines, modalities); an unknown code shows as itself. */

export function disciplineName(messages: ConsoleMessages, code: string): string {
  const names: Readonly<Record<string, string>> = messages.consoles.disciplines;
  return names[code] ?? code;
}

export function modalityName(messages: QualityConsoleMessages, code: string): string {
  return messages.quality.modalities[code] ?? code;
}
