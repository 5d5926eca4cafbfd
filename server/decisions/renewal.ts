import { HttpError } from '../errors/http-error';
import type { RenewalInput } from '../contract/decisions';
import { patientSchema } from '../contract/fhir';
import { nationalIdOf, patientKey } from '../fhir/patient-key';
import { readFromEhr } from '../hooks/ehr-fhir';
import type { Services } from '../services';
import { findPrompt } from '../store/prompts';

const RENEWAL_READ_MS = 5000;

const sameServer = (a: string, b: string): boolean => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * A fresh decision token for a card whose token expired (the doctor comes back to it later): the old
 * token proves the card and hospital; a new SMART launch proves the patient, by reading the patient in
 * context from the EHR that issued the card, with the launch's own access token. The access token is
 * only ever sent to that EHR, named in the signed old token.
 */
export async function renewalHandler(
  services: Services,
  promptId: string,
  authorization: string | undefined,
  input: RenewalInput,
): Promise<{ token: string }> {
  const grant = await services.decisionTokens.verifyForRenewal(authorization, promptId);
  if (!grant.fhirServer)
    throw new HttpError(409, 'not-renewable', 'the card named no FHIR server to prove the patient with');
  if (!sameServer(grant.fhirServer, input.fhirServer))
    throw new HttpError(403, 'forbidden', 'the app was launched from another EHR than the card');
  const prompt = await findPrompt(services.reader, promptId);
  if (!prompt || prompt.hospitalId !== grant.hospitalId || prompt.patientKey !== grant.patientKey)
    throw new HttpError(403, 'forbidden', 'this token does not match the card');
  const read = await readFromEhr(
    grant.fhirServer,
    { access_token: input.accessToken, token_type: 'Bearer' },
    `Patient/${input.patientId}`,
    RENEWAL_READ_MS,
  );
  if (!read.ok) throw new HttpError(403, 'forbidden', `the EHR did not confirm the patient (${read.reason})`);
  const patient = patientSchema.safeParse(read.body);
  const nationalId = patient.success
    ? nationalIdOf(patient.data.identifier, services.config.patientIdentifierSystems)
    : null;
  if (!nationalId || patientKey(services.config.patientKeySecret, nationalId) !== grant.patientKey) {
    throw new HttpError(403, 'forbidden', 'the patient in the EHR is not the patient of this card');
  }
  return { token: await services.decisionTokens.issue(grant) };
}
