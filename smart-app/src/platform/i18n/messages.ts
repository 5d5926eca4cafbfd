import { useCatalogs, withCatalogs } from '../../i18n/language';
import { CONSOLE_CATALOGS } from '../../consoles/i18n/messages';
import { platformEn } from './en';
import { platformZhCN } from './zh-CN';

const CATALOGS = withCatalogs((language) => CONSOLE_CATALOGS[language], { 'zh-CN': platformZhCN, en: platformEn });

export const usePlatformMessages = () => useCatalogs(CATALOGS);
