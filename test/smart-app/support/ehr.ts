import { http, HttpResponse, type RequestHandler } from 'msw';
import { CARD_TOKEN } from './decision-api';
import { DOCTOR, PROMPT_ID } from './fixtures';

/** The code the authorization server hands back; the token endpoint takes nothing else. */
export const AUTH_CODE = 'auth-code-1';
export const ZHANG_WEI = {
  resourceType: 'Patient',
  id: 'zhang-wei',
  name: [{ use: 'official', text: '张伟' }],
  gender: 'male',
  birthDate: '1968-03-12',
} as const;
const DR_WANG = { resourceType: 'Practitioner', id: 'dr-wang', name: [{ family: '王', given: ['医生'] }] } as const;

export const CARD_APP_CONTEXT = JSON.stringify({ promptId: PROMPT_ID, token: CARD_TOKEN });

/** An id token as EHRs send them: base64url, UTF-8 claims (the app decodes it; the EHR signs it). */
const base64url = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');
const idToken = (claims: Record<string, unknown>) => {
  // Five or more "~" always encode to a "-", which plain base64 decoding (atob) refuses.
  const payload = base64url({ ...claims, nonce: '~~~~~~' });
  if (!payload.includes('-')) throw new Error('the id token payload is meant to need base64url decoding');
  return `${base64url({ alg: 'RS256', typ: 'JWT' })}.${payload}.signature`;
};

let count = 0;

export interface EhrOptions {
  /** What the token response carries as appContext; null for none (a standalone launch). */
  readonly appContext?: string | null;
  readonly fhirUser?: string | null;
}

/**
 * The EHR the app is launched from, mocked at the network boundary: its SMART authorization server
 * (discovery, token endpoint) and its FHIR server (Patient, Practitioner, POST DiagnosticReport).
 * Each instance has its own `iss`, since fhirclient caches discovery per `iss`.
 */
export class MockEhr {
  readonly n = ++count;
  readonly iss = `https://ehr-${this.n}.h-cq-001.example/fhir`;
  readonly authorizeEndpoint = `https://auth-${this.n}.h-cq-001.example/authorize`;
  readonly tokenEndpoint = `https://auth-${this.n}.h-cq-001.example/token`;
  readonly accessToken = `ehr-access-token-${this.n}`;
  readonly launch = `launch-${this.n}`;
  readonly tokenRequests: URLSearchParams[] = [];
  readonly created: { readonly body: Record<string, unknown>; readonly authorization: string | null }[] = [];
  /** Whether POST DiagnosticReport is refused (403 with an OperationOutcome). */
  refuseWrites = false;

  constructor(private readonly options: EhrOptions = {}) {}

  handlers(): RequestHandler[] {
    const appContext = this.options.appContext === undefined ? CARD_APP_CONTEXT : this.options.appContext;
    const fhirUser = this.options.fhirUser === undefined ? DOCTOR.ref : this.options.fhirUser;
    return [
      http.get(`${this.iss}/.well-known/smart-configuration`, () =>
        HttpResponse.json({
          authorization_endpoint: this.authorizeEndpoint,
          token_endpoint: this.tokenEndpoint,
          code_challenge_methods_supported: ['S256'],
          capabilities: ['launch-ehr', 'launch-standalone', 'client-public', 'context-ehr-patient', 'permission-v2'],
        }),
      ),
      http.post(this.tokenEndpoint, async ({ request }) => {
        const form = new URLSearchParams(await request.text());
        this.tokenRequests.push(form);
        // A public client proves the code is its own with the PKCE verifier; without it, no token.
        if (form.get('code') !== AUTH_CODE || !form.get('code_verifier')) {
          return HttpResponse.json(
            { error: 'invalid_grant', error_description: 'code or code_verifier missing' },
            { status: 400 },
          );
        }
        return HttpResponse.json({
          access_token: this.accessToken,
          token_type: 'Bearer',
          expires_in: 3600,
          scope: 'launch openid fhirUser patient/Patient.read patient/DiagnosticReport.write',
          patient: ZHANG_WEI.id,
          ...(fhirUser
            ? {
                id_token: idToken({
                  iss: this.iss,
                  sub: 'dr-wang',
                  name: DOCTOR.name,
                  fhirUser: `${this.iss}/${fhirUser}`,
                }),
              }
            : {}),
          ...(appContext === null ? {} : { appContext }),
        });
      }),
      http.get(`${this.iss}/Patient/${ZHANG_WEI.id}`, () => HttpResponse.json(ZHANG_WEI)),
      http.get(`${this.iss}/${DOCTOR.ref}`, () => HttpResponse.json(DR_WANG)),
      // The order the card is about, still unsigned while the doctor decides.
      http.get(`${this.iss}/ServiceRequest/:id`, ({ params }) =>
        HttpResponse.json({ resourceType: 'ServiceRequest', id: params.id, status: 'draft', intent: 'order' }),
      ),
      http.post(`${this.iss}/DiagnosticReport`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        this.created.push({ body, authorization: request.headers.get('authorization') });
        if (this.refuseWrites) {
          return HttpResponse.json(
            {
              resourceType: 'OperationOutcome',
              issue: [
                {
                  severity: 'error',
                  code: 'forbidden',
                  diagnostics: 'DiagnosticReport.write is not granted to this app',
                },
              ],
            },
            { status: 403, headers: { 'content-type': 'application/fhir+json' } },
          );
        }
        const id = `dr-report-${this.created.length}`;
        return HttpResponse.json(
          { ...body, id, meta: { versionId: '1' } },
          { status: 201, headers: { location: `${this.iss}/DiagnosticReport/${id}/_history/1` } },
        );
      }),
    ];
  }
}
