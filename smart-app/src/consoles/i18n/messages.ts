import { catalogFor, useCatalogs, withCatalogs } from '../../i18n/language';
import { consolesEn } from './en';
import { consolesZhCN } from './zh-CN';

/** The app's shared strings with the consoles' own (sign-in, problems, disciplines). */
export const CONSOLE_CATALOGS = withCatalogs(catalogFor, { 'zh-CN': consolesZhCN, en: consolesEn });
export type ConsoleMessages = (typeof CONSOLE_CATALOGS)['zh-CN'];

export const useConsoleMessages = () => useCatalogs(CONSOLE_CATALOGS);
