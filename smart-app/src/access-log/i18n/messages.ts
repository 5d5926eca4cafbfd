import { useCatalogs, withCatalogs } from '../../i18n/language';
import { CONSOLE_CATALOGS } from '../../consoles/i18n/messages';
import { accessLogEn } from './en';
import { accessLogZhCN } from './zh-CN';

const CATALOGS = withCatalogs((language) => CONSOLE_CATALOGS[language], { 'zh-CN': accessLogZhCN, en: accessLogEn });

export const useAccessLogMessages = () => useCatalogs(CATALOGS);
