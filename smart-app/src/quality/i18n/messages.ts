import { useCatalogs, withCatalogs } from '../../i18n/language';
import { CONSOLE_CATALOGS } from '../../consoles/i18n/messages';
import { qualityEn } from './en';
import { qualityZhCN } from './zh-CN';

const CATALOGS = withCatalogs((language) => CONSOLE_CATALOGS[language], { 'zh-CN': qualityZhCN, en: qualityEn });
export type QualityConsoleMessages = (typeof CATALOGS)['zh-CN'];

export const useQualityMessages = () => useCatalogs(CATALOGS);
