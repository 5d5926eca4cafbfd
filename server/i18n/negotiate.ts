import type { Request } from 'express';
import Negotiator from 'negotiator';
import type { Locale } from './messages';

const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** Offered in this order, so a header with no preference among them (`*`) gets Simplified Chinese. */
const OFFERED = ['zh-CN', 'zh', 'zh-TW', 'zh-HK', 'en'];

/**
 * The best language of an Accept-Language header by its q-values (`zh`, `zh-TW` count as Chinese,
 * `en-US` as English); Simplified Chinese when the header is absent or matches neither.
 */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const best = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language(OFFERED);
  return best === 'en' ? 'en' : 'zh-CN';
}

/** Where the negotiated locale is kept, so a request is negotiated once whoever asks. */
const NEGOTIATED = Symbol('huren.locale');
type Negotiated = Request & { [NEGOTIATED]?: Locale };

/** The caller's language, negotiated once per request: `?lang=zh-CN|en` on any route, else Accept-Language. */
export function localeOf(request: Request): Locale {
  const known = (request as Negotiated)[NEGOTIATED];
  if (known) return known;
  const asked = request.query.lang;
  const locale = isLocale(asked) ? asked : localeFrom(request.get('accept-language'));
  (request as Negotiated)[NEGOTIATED] = locale;
  return locale;
}
