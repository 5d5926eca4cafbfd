import { en } from './en';
import type { Locale, Messages } from './messages';
import { zhCN } from './zh-CN';

export type { Locale, Messages, SignReminderKind } from './messages';

const CATALOGS: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

export function messages(locale: Locale): Messages {
  return CATALOGS[locale];
}

export { localeFrom, localeOf } from './negotiate';
