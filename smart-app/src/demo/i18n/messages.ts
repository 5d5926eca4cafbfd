import { useEffect } from 'react';
import { useLanguage, type Language } from '../../i18n/language';
import { demoEn } from './en';
import { demoZhCN, type DemoMessages } from './zh-CN';

/**
 * The workstation speaks the SMART app's language mechanism (same switch, same remembered choice, so
 * the app launched from a card opens in the doctor's language) with its own catalogs.
 */
const CATALOGS: Record<Language, DemoMessages> = { 'zh-CN': demoZhCN, en: demoEn };

export function useDemoMessages(): DemoMessages {
  return CATALOGS[useLanguage().language];
}

/**
 * The page's title in the chosen language. The shared LanguageProvider sets the SMART app's title in
 * its own effect, which runs after this component's: the workstation's title is set a moment later.
 */
export function useDemoTitle(): void {
  const messages = useDemoMessages();
  useEffect(() => {
    let current = true;
    queueMicrotask(() => {
      if (current) document.title = messages.title;
    });
    return () => {
      current = false;
    };
  }, [messages]);
}
