// The month and weekday names of DAYJS_LOCALES.
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const CATALOGS: Record<Language, Messages> = { 'zh-CN': zhCN, en };

/** dayjs's name of each language (its locale files are loaded by the app's providers). */
export const DAYJS_LOCALES: Record<Language, string> = { 'zh-CN': 'zh-cn', en: 'en' };

export function catalogFor(language: Language): Messages {
  return CATALOGS[language];
}

/**
 * A feature's catalogs beside the ones it builds on, per language. A feature's strings live in its own
 * folder and so ship in its own chunk: the doctor's screen does not carry the consoles' texts.
 */
export function withCatalogs<Base extends object, Own extends object>(
  base: (language: Language) => Base,
  own: Record<Language, Own>,
): Record<Language, Base & Own> {
  return { 'zh-CN': { ...base('zh-CN'), ...own['zh-CN'] }, en: { ...base('en'), ...own.en } };
}

/** The chosen language with a feature's catalogs (see `withCatalogs`). */
export function useCatalogs<Catalog>(
  catalogs: Record<Language, Catalog>,
): Omit<LanguageState, 'messages'> & { readonly messages: Catalog } {
  const state = useLanguage();
  return { ...state, messages: catalogs[state.language] };
}

/** Remembered per browser, so the doctor chooses once, not on every card. */
const STORAGE_KEY = 'huren.language';

const isLanguage = (value: string | null): value is Language =>
  (LANGUAGES as readonly (string | null)[]).includes(value);

function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : 'zh-CN';
  } catch {
    // Storage can be switched off (embedded browsers, privacy settings): Chinese, the default.
    return 'zh-CN';
  }
}

interface LanguageState {
  readonly language: Language;
  readonly messages: Messages;
  readonly setLanguage: (language: Language) => void;
}

const LanguageContext = createContext<LanguageState | null>(null);

export function LanguageProvider({ children }: { readonly children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = CATALOGS[language].app.title;
  }, [language]);
  const state = useMemo<LanguageState>(
    () => ({
      language,
      messages: CATALOGS[language],
      setLanguage: (next) => {
        setLanguageState(next);
        try {
          window.localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // Not remembered, but switched for this page all the same.
        }
      },
    }),
    [language],
  );
  return <LanguageContext value={state}>{children}</LanguageContext>;
}

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext);
  if (!state) throw new Error('useLanguage outside LanguageProvider');
  return state;
}
