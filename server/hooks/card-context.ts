import type { Locale } from '../i18n';
import { contentWords } from '../pipeline/order-content';
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
  const words = contentWords(locale, configuration);
  const { messages } = words;
  const now = services.clock();
  const subject = { reference: patientId.includes('/') ? patientId : `Patient/${patientId}` };
  return {
    ...words,
    indicator: configuration.indicator,
    publicUrl: services.config.publicUrl,
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
