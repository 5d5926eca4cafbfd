import { catalogFor, useCatalogs, withCatalogs, type Language } from '../../i18n/language';
import { sheetEn } from './en';
import { sheetZhCN } from './zh-CN';

const CATALOGS = withCatalogs(catalogFor, { 'zh-CN': sheetZhCN, en: sheetEn });

/** The sheet is printed in the language chosen for it, which may differ from the screen's. */
export const sheetCatalogFor = (language: Language) => CATALOGS[language];
export const useSheetMessages = () => useCatalogs(CATALOGS);
