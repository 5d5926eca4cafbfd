import { createHash, randomUUID } from 'node:crypto';
import { Router, type Response } from 'express';
import cors from 'cors';
import { humanName, patientResource } from '../../fixtures/patients/bundles';
import { demoPatients } from '../../fixtures/patients/people';
import { demoDoctors } from '../../fixtures/ehr/staff';
import { institutions } from '../../fixtures/registry/institutions';
import { outcome } from '../errors/operation-outcome';
import { HttpError } from '../errors/http-error';
import { SYSTEMS } from '../fhir/systems';
import type { DemoAuthorization } from './authorization';

/**
 * The demo EHR's FHIR endpoint: the demo patients, doctors and encounters (read openly: it is demo
 * data), and DiagnosticReports written back by the SMART app (write needs a token from the demo
 * authorization server, for that token's patient). Written reports live in memory.
 */
export function encounterResource(patientId: string, doctorId: string, emergency: boolean): Record<string, unknown> {
  const doctor = demoDoctors.find((candidate) => candidate.id === doctorId);
  const hospital = institutions.find((candidate) => candidate.id === doctor?.hospitalId);
  const id = `enc-${patientId}-${doctorId}${emergency ? '-er' : ''}`;
  // The visit number (门诊号) the hospital files the visit under: stable for the same visit, eight digits.
  const visitNumber = `${emergency ? 'JZ' : 'MZ'}${String(parseInt(createHash('sha256').update(id).digest('hex').slice(0, 12), 16) % 100_000_000).padStart(8, '0')}`;
  return {
    resourceType: 'Encounter',
    id,
    identifier: [
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'VN' }] },
        system: `https://his.example/${hospital?.id ?? 'unknown'}/visit`,
        value: visitNumber,
      },
    ],
    status: 'in-progress',
    class: { system: SYSTEMS.v3ActCode, code: emergency ? 'EMER' : 'AMB' },
    serviceType: { coding: [{ code: doctor?.departmentCode, display: doctor?.departmentName }] },
    subject: { reference: `Patient/${patientId}` },
    participant: [{ individual: { reference: `Practitioner/${doctorId}` } }],
    serviceProvider: { identifier: { system: SYSTEMS.institution, value: hospital?.id }, display: hospital?.name },
  };
}

export function practitionerResource(doctorId: string): Record<string, unknown> | null {
  const doctor = demoDoctors.find((candidate) => candidate.id === doctorId);
  return doctor ? { resourceType: 'Practitioner', id: doctor.id, name: [humanName(doctor.name)], active: true } : null;
}

function notFound(type: string, id: string): HttpError {
  return HttpError.withOutcome(
    404,
    outcome({ severity: 'error', code: 'not-found', diagnostics: `${type}/${id} is not known to the demo EHR` }),
  );
}

function fhirJson(response: Response, status: number, body: unknown): void {
  response.status(status).type('application/fhir+json').json(body);
}

export function demoFhirRoutes(authorization: DemoAuthorization): Router {
  const router = Router();
  const written = new Map<string, Record<string, unknown>>();
  // Development only: a browser-based SMART launcher or CDS client on another origin reads the demo EHR.
  router.use('/demo/fhir', cors({ origin: true, allowedHeaders: ['Authorization', 'Content-Type', 'Accept'] }));

  router.get('/demo/fhir/metadata', (_request, response) => {
    fhirJson(response, 200, {
      resourceType: 'CapabilityStatement',
      status: 'active',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['json'],
      rest: [
        {
          mode: 'server',
          resource: ['Patient', 'Practitioner', 'Encounter', 'ServiceRequest', 'DiagnosticReport'].map((type) => ({
            type,
          })),
        },
      ],
    });
  });

  router.get('/demo/fhir/Patient/:id', (request, response) => {
    const patient = demoPatients.find((candidate) => candidate.key === request.params.id);
    if (!patient) throw notFound('Patient', request.params.id);
    fhirJson(response, 200, patientResource(patient));
  });

  router.get('/demo/fhir/Practitioner/:id', (request, response) => {
    const practitioner = practitionerResource(request.params.id);
    if (!practitioner) throw notFound('Practitioner', request.params.id);
    fhirJson(response, 200, practitioner);
  });

  // What a SMART launcher asks for the patient it launches with: the patient's current visit.
  router.get('/demo/fhir/Encounter', (request, response) => {
    const patientId = String(request.query.patient ?? request.query.subject ?? '').replace(/^Patient\//, '');
    const encounters = demoPatients.some((patient) => patient.key === patientId)
      ? [encounterResource(patientId, 'dr-li', false)]
      : [];
    fhirJson(response, 200, {
      resourceType: 'Bundle',
      type: 'searchset',
      total: encounters.length,
      entry: encounters.map((resource) => ({ fullUrl: `Encounter/${String(resource.id)}`, resource })),
    });
  });

  router.get('/demo/fhir/Encounter/:id', (request, response) => {
    const match = /^enc-(.+)-(dr-[a-z]+)(-er)?$/.exec(request.params.id);
    if (!match?.[1] || !match[2] || !demoPatients.some((p) => p.key === match[1]) || !practitionerResource(match[2]))
      throw notFound('Encounter', request.params.id);
    fhirJson(response, 200, encounterResource(match[1], match[2], Boolean(match[3])));
  });

  // The orders the workstation signed, as a real EHR keeps them: the SMART app reads an order's status here.
  const orders = new Map<string, Record<string, unknown>>();
  router.put('/demo/fhir/ServiceRequest/:id', (request, response) => {
    const body = request.body as Record<string, unknown>;
    if (body.resourceType !== 'ServiceRequest' || body.id !== request.params.id || typeof body.status !== 'string') {
      throw HttpError.withOutcome(
        400,
        outcome({
          severity: 'error',
          code: 'invalid',
          diagnostics: 'expected a ServiceRequest with this id and a status',
        }),
      );
    }
    const created = !orders.has(request.params.id);
    orders.set(request.params.id, body);
    fhirJson(response, created ? 201 : 200, body);
  });

  router.get('/demo/fhir/ServiceRequest/:id', (request, response) => {
    const order = orders.get(request.params.id);
    if (!order) throw notFound('ServiceRequest', request.params.id);
    fhirJson(response, 200, order);
  });

  router.get('/demo/fhir/DiagnosticReport', (request, response) => {
    const patient = typeof request.query.patient === 'string' ? request.query.patient.replace(/^Patient\//, '') : null;
    const matches = [...written.values()].filter(
      (report) =>
        !patient || (report.subject as { reference?: string } | undefined)?.reference === `Patient/${patient}`,
    );
    fhirJson(response, 200, {
      resourceType: 'Bundle',
      type: 'searchset',
      total: matches.length,
      entry: matches.map((resource) => ({ resource })),
    });
  });

  router.get('/demo/fhir/DiagnosticReport/:id', (request, response) => {
    const report = written.get(request.params.id);
    if (!report) throw notFound('DiagnosticReport', request.params.id);
    fhirJson(response, 200, report);
  });

  router.post('/demo/fhir/DiagnosticReport', (request, response) => {
    const grant = authorization.grantFor(request.get('authorization'));
    if (!grant)
      throw HttpError.withOutcome(
        401,
        outcome({ severity: 'error', code: 'login', diagnostics: 'a SMART access token is required' }),
      );
    if (!/patient\/(DiagnosticReport|\*)\.(write|\*|c)/.test(grant.scope)) {
      throw HttpError.withOutcome(
        403,
        outcome({
          severity: 'error',
          code: 'forbidden',
          diagnostics: 'the token does not allow writing DiagnosticReport',
        }),
      );
    }
    const body = request.body as Record<string, unknown>;
    const subject = (body.subject as { reference?: string } | undefined)?.reference;
    if (body.resourceType !== 'DiagnosticReport')
      throw HttpError.withOutcome(
        400,
        outcome({ severity: 'error', code: 'invalid', diagnostics: 'expected a DiagnosticReport' }),
      );
    if (subject !== `Patient/${grant.patientId}`) {
      throw HttpError.withOutcome(
        403,
        outcome({
          severity: 'error',
          code: 'forbidden',
          diagnostics: `the token is for Patient/${grant.patientId}, not ${subject ?? 'no subject'}`,
        }),
      );
    }
    const id = randomUUID();
    const stored = {
      ...body,
      id,
      meta: { ...(body.meta as object | undefined), versionId: '1', lastUpdated: new Date().toISOString() },
    };
    written.set(id, stored);
    response.location(`DiagnosticReport/${id}/_history/1`);
    fhirJson(response, 201, stored);
  });
  return router;
}
