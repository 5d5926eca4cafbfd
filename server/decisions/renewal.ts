import { HttpError } from '../errors/http-error';
import type { RenewalInput } from '../contract/decisions';
import { patientSchema } from '../contract/fhir';
import { nationalIdOf, patientKey } from '../fhir/patient-key';
import { allowedAddresses } from '../fhir/ehr-address';
import { readFromEhr } from '../fhir/ehr-client';
import type { Services } from '../services';
import { findPrompt } from '../store/prompts';

const RENEWAL_READ_MS = 5000;
const NOT_CONFIRMED = 'the EHR did not confirm the patient of this card: open the card from the EHR again';

export const sameServer = (a: string, b: string): boolean => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * The patient key of the launch's patient, read from the EHR with the launch's own access token; null
 * when the EHR does not confirm a patient with a national identifier. Only a FHIR server Huren already
 * trusts is read, through the same address checks and pinning as a hook's reads.
 */
export async function confirmedPatientKey(
  services: Services,
  fhirServer: string,
  input: Pick<RenewalInput, 'accessToken' | 'patientId'>,
): Promise<string | null> {
  const read = await readFromEhr(
    fhirServer,
    { access_token: input.accessToken, token_type: 'Bearer' },
    `Patient/${input.patientId}`,
    RENEWAL_READ_MS,
    () => allowedAddresses(new URL(fhirServer).hostname, services.resolveHost),
  );
  const patient = read.ok ? patientSchema.safeParse(read.body) : null;
  const nationalId = patient?.success
    ? nationalIdOf(patient.data.identifier, services.config.patientIdentifierSystems)
    : null;
  return nationalId ? patientKey(services.config.patientKeySecret, nationalId) : null;
}

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
  // Only the address signed into the card is read (it was checked against the client's registration
  // when the card was issued), through the same address checks and pinning as a hook's reads.
  // One refusal whatever the EHR answered (nothing, an error, another patient): the text tells a
  // caller nothing about what lies at the address.
  if ((await confirmedPatientKey(services, grant.fhirServer, input)) !== grant.patientKey) {
    throw new HttpError(403, 'forbidden', NOT_CONFIRMED);
  }
  return { token: services.decisionTokens.issue(grant) };
}
