import type { Messages } from '../i18n/zh-CN';

/** Names for the codes the API sends as they are (disciplines, modalities); an unknown code shows as itself. */

export function disciplineName(messages: Messages, code: string): string {
  const names: Readonly<Record<string, string>> = messages.consoles.disciplines;
  return names[code] ?? code;
}

export function modalityName(messages: Messages, code: string): string {
  return messages.quality.modalities[code] ?? code;
}
