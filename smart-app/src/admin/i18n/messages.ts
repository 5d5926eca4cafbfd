import { useCatalogs, withCatalogs } from '../../i18n/language';
import { CONSOLE_CATALOGS } from '../../consoles/i18n/messages';
import { adminEn } from './en';
import { adminZhCN } from './zh-CN';

const CATALOGS = withCatalogs((language) => CONSOLE_CATALOGS[language], { 'zh-CN': adminZhCN, en: adminEn });
export type AdminConsoleMessages = (typeof CATALOGS)['zh-CN'];

export const useAdminMessages = () => useCatalogs(CATALOGS);
