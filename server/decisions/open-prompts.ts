import { daysBefore } from '../../rules';
import type { OpenPrompts, RenewalInput } from '../contract/decisions';
import { HttpError } from '../errors/http-error';
import type { Locale } from '../i18n';
import type { Services } from '../services';
import { openPromptsOf } from '../store/prompts';
import { listClients } from '../store/registry';
import { confirmedPatientKey, sameServer } from './renewal';

/** How far back an undecided card is still offered to a launch that brought none. */
const OPEN_DAYS = 1;

/**
 * For an EHR whose SMART server cannot hand over a card's appContext: the launch proves its patient at
 * a FHIR server a registered EHR named (read with the launch's own access token), and gets that
 * patient's undecided cards of the last day at that EHR's hospitals, each with a card token bound to
 * that FHIR server. An unregistered server is refused before anything is read.
 */
export async function openPromptsHandler(
  services: Services,
  input: RenewalInput,
  locale: Locale,
): Promise<OpenPrompts> {
  const clients = (await listClients(services.reader)).filter(
    (client) => !client.revoked && (client.fhirServers ?? []).some((server) => sameServer(server, input.fhirServer)),
  );
  if (clients.length === 0)
    throw new HttpError(403, 'forbidden', 'the app was launched from a FHIR server no registered EHR names');
  const key = await confirmedPatientKey(services, input.fhirServer, input);
  if (!key) throw new HttpError(403, 'forbidden', 'the EHR did not confirm the patient of this launch');
  const since = daysBefore(services.clock(), OPEN_DAYS).toISOString();
  const prompts = await openPromptsOf(
    services.reader,
    [...new Set(clients.map((client) => client.hospitalId))],
    key,
    since,
  );
  const { catalog } = await services.reference.current();
  return {
    prompts: await Promise.all(
      prompts.map(async (prompt) => {
        const item = catalog.get(prompt.itemCode ?? '');
        return {
          promptId: prompt.id,
          token: services.decisionTokens.issue({
            promptId: prompt.id,
            hospitalId: prompt.hospitalId,
            patientKey: prompt.patientKey,
            fhirServer: input.fhirServer,
          }),
          itemCode: prompt.itemCode ?? '',
          itemName: item ? (locale === 'en' ? item.nameEn : item.nameZh) : (prompt.itemCode ?? ''),
          createdAt: prompt.createdAt,
          orderedBy: { ref: prompt.userRef, name: prompt.practitionerName },
          department: prompt.departmentName ?? prompt.departmentCode,
        };
      }),
    ),
  };
}
