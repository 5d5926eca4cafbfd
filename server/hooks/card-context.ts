import { messages as messagesFor, type Locale } from '../i18n';
import { writeBackReport } from '../decisions/write-back';
import type { Services } from '../services';
import type { Assessment } from '../pipeline/resolution';
import type { CardContext } from './cards';

export function cardContext(
  assessment: Assessment,
  locale: Locale,
  services: Services,
  patientId: string,
): CardContext {
  const { reference, configuration } = assessment;
  const messages = messagesFor(locale);
  const now = services.clock();
  const subject = { reference: patientId.includes('/') ? patientId : `Patient/${patientId}` };
  return {
    messages,
    indicator: configuration.indicator,
    publicUrl: services.config.publicUrl,
    showMarks: configuration.policy.markRequired,
    itemName: (item) => (locale === 'en' ? item.nameEn : item.nameZh),
    localTestSystem: (itemCode) => configuration.localTestSystems.get(itemCode),
    recordOf: (candidate, item) => ({
      ...writeBackReport(
        candidate.result,
        item,
        reference.institutions.get(candidate.institution.id),
        now,
        messages,
        candidate.window.resultDate,
        candidate.own,
      ),
      subject,
    }),
  };
}
