import { useCatalogs, withCatalogs } from '../../i18n/language';
import { CONSOLE_CATALOGS } from '../../consoles/i18n/messages';
import { quarantineEn } from './en';
import { quarantineZhCN } from './zh-CN';

const CATALOGS = withCatalogs((language) => CONSOLE_CATALOGS[language], { 'zh-CN': quarantineZhCN, en: quarantineEn });

export const useQuarantineMessages = () => useCatalogs(CATALOGS);
