import { en } from './en';
import type { Locale, Messages } from './messages';
import { zhCN } from './zh-CN';

export type { Locale, Messages } from './messages';

const CATALOGS: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

export function messages(locale: Locale): Messages {
  return CATALOGS[locale];
}

/** Simplified Chinese unless the caller clearly prefers English. */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
