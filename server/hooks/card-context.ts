import { messages as messagesFor, type Locale } from '../i18n';
import type { Services } from '../services';
import type { Assessment } from './assessment';
import type { CardContext } from './cards';

export function cardContext(assessment: Assessment, locale: Locale, services: Services): CardContext {
  const { reference, configuration } = assessment;
  return {
    messages: messagesFor(locale),
    indicator: configuration.indicator,
    publicUrl: services.config.publicUrl,
    itemName: (item) => (locale === 'en' ? item.nameEn : item.nameZh),
    institutionName: (id) => reference.institutions.get(id)?.name ?? id,
    localTestSystem: (itemCode) => configuration.localTestSystems.get(itemCode),
  };
}
