import { randomBytes } from 'node:crypto';
import { DEMO_HIS } from '../../fixtures/clients/his';
import { signatureOf } from '../../server/his/signature';
import type { TestServer } from './server';
import { demoPatient } from './hook-requests';

export interface HisCredentials {
  readonly id: string;
  readonly hmacKey: string;
}

export interface SignedCall {
  readonly method?: 'GET' | 'POST';
  readonly body?: string;
  readonly contentType?: string;
  /** Unix seconds; now by the server's clock unless given. */
  readonly timestamp?: number;
  readonly nonce?: string;
  readonly client?: HisCredentials;
  readonly headers?: Record<string, string>;
}

/** Signs a call the way docs/his-integration.md tells a HIS to, and sends it to the test server. */
export async function signedFetch(server: TestServer, path: string, call: SignedCall = {}): Promise<Response> {
  const client = call.client ?? DEMO_HIS;
  const method = call.method ?? (call.body === undefined ? 'GET' : 'POST');
  const timestamp = String(call.timestamp ?? Math.floor(server.services.clock().getTime() / 1000));
  const nonce = call.nonce ?? randomBytes(12).toString('hex');
  const body = Buffer.from(call.body ?? '', 'utf8');
  const signature = signatureOf(client.hmacKey, { method, path, timestamp, nonce, body });
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      'x-huren-client': client.id,
      'x-huren-timestamp': timestamp,
      'x-huren-nonce': nonce,
      'x-huren-signature': signature,
      ...(call.body === undefined ? {} : { 'content-type': call.contentType ?? 'application/json' }),
      ...call.headers,
    },
    ...(call.body === undefined ? {} : { body: new Uint8Array(body) }),
  });
}

export async function signedJson(server: TestServer, path: string, body?: unknown, client?: HisCredentials) {
  const response = await signedFetch(server, path, {
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(client ? { client } : {}),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** A check in the HIS's own terms for a demo patient: its catalog (or local) codes as draft orders. */
export function hisCheckBody(
  patientKey: string,
  codes: readonly string[],
  visit: { kind?: string; doctorId?: string; doctorName?: string } = {},
) {
  return {
    patient: { idType: 'resident-id', idNumber: demoPatient(patientKey).nationalId, outpatientNo: 'MZ20260310001' },
    visit: {
      kind: visit.kind ?? '门诊',
      departmentCode: '0301',
      departmentName: '心血管内科门诊',
      doctorId: visit.doctorId ?? 'D0123',
      doctorName: visit.doctorName ?? '李明',
    },
    orders: codes.map((code, index) => ({ orderId: `${patientKey}-${index + 1}-${code}`, code })),
  };
}
