import type { ZodOpenApiOperationObject } from 'zod-openapi';
import { errorBodySchema } from '../contract/errors';
import { documentAnswerSchema } from '../contract/sources';

const SOURCE_TOKEN = [{ sourceToken: [] }];
const API_TOKEN = [{ apiToken: [] }];
const text = (description: string, type = 'text/plain') => ({
  content: { [type]: { schema: { type: 'string' as const, description } } },
});
const jsonError = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorBodySchema } },
});

/**
 * The ways results come in (docs/ingest.md): not /api routes, so not declared with apiRoute, but in
 * the same document. Their bodies are a hospital's own formats, described here in words.
 */
export const INGEST_PATHS: Record<string, Record<string, ZodOpenApiOperationObject>> = {
  '/fhir': {
    post: {
      summary:
        'FHIR R4 batch or transaction Bundle of DiagnosticReports (with Observations, Patient, Organization) into the results index',
      security: API_TOKEN,
      requestBody: { required: true, ...text('a FHIR R4 Bundle (type batch or transaction)', 'application/fhir+json') },
      responses: {
        '200': {
          description: 'the batch-response Bundle: one entry per entry sent',
          ...text('Bundle', 'application/fhir+json'),
        },
        '400': {
          description: 'an OperationOutcome naming what is wrong',
          ...text('OperationOutcome', 'application/fhir+json'),
        },
        '401': { description: 'no platform token', ...text('OperationOutcome', 'application/fhir+json') },
      },
    },
  },
  '/ingest/hl7v2': {
    post: {
      summary: 'One HL7 v2 ORU^R01 (2.3.1–2.5.1) from a registered result source; answered with its ACK',
      security: SOURCE_TOKEN,
      requestBody: { required: true, ...text('the message (ER7), in the charset MSH-18 names or the source’s') },
      responses: {
        '200': { description: 'ACK with MSA-1 AA: stored', ...text('ACK', 'x-application/hl7-v2+er7') },
        '400': {
          description: 'ACK with MSA-1 AR and ERR: cannot be read (quarantined)',
          ...text('ACK', 'x-application/hl7-v2+er7'),
        },
        '422': {
          description: 'ACK with MSA-1 AE and ERR: read, not filed (quarantined)',
          ...text('ACK', 'x-application/hl7-v2+er7'),
        },
        '401': jsonError('no valid source token'),
      },
    },
  },
  '/ingest/cda': {
    post: {
      summary: 'One WS/T 500 CDA document (C0007 检验报告, C0006 检查报告) from a registered result source',
      security: SOURCE_TOKEN,
      requestBody: {
        required: true,
        ...text('the ClinicalDocument, in the charset its XML declaration names', 'application/xml'),
      },
      responses: {
        '200': {
          description: 'stored, or stored before',
          content: { 'application/json': { schema: documentAnswerSchema } },
        },
        '400': {
          description: 'cannot be read (quarantined)',
          content: { 'application/json': { schema: documentAnswerSchema } },
        },
        '422': {
          description: 'read, not filed (quarantined)',
          content: { 'application/json': { schema: documentAnswerSchema } },
        },
        '401': jsonError('no valid source token'),
        '413': jsonError('over 10 MB'),
      },
    },
  },
  '/ingest/soap': {
    get: {
      summary: 'The WSDL of the CDA upload service (UploadDocument)',
      responses: { '200': { description: 'the WSDL', ...text('WSDL 1.1', 'text/xml') } },
    },
    post: {
      summary:
        'UploadDocument over SOAP 1.1 (text/xml) or 1.2 (application/soap+xml): the CDA document in document or documentBase64',
      security: SOURCE_TOKEN,
      requestBody: { required: true, ...text('a SOAP envelope', 'text/xml') },
      responses: {
        '200': { description: 'UploadDocumentResponse', ...text('SOAP envelope', 'text/xml') },
        '400': { description: 'a Fault: cannot be read', ...text('SOAP Fault', 'text/xml') },
        '422': { description: 'a Fault: read, not filed (quarantined)', ...text('SOAP Fault', 'text/xml') },
        '401': jsonError('no valid source token'),
      },
    },
  },
  '/ingest/xds': {
    post: {
      summary:
        'IHE XDS.b Provide and Register Document Set-b (ITI-41): CDA documents inline in base64 or as MTOM/XOP attachments',
      security: SOURCE_TOKEN,
      requestBody: {
        required: true,
        ...text('a SOAP 1.2 envelope, or multipart/related (MTOM/XOP)', 'application/soap+xml'),
      },
      responses: {
        '200': {
          description: 'RegistryResponse: Success, PartialSuccess (some quarantined) or Failure, each refusal named',
          ...text('SOAP envelope', 'application/soap+xml'),
        },
        '400': {
          description: 'not an ITI-41 request, or a DTD: Failure',
          ...text('SOAP envelope', 'application/soap+xml'),
        },
        '401': jsonError('no valid source token'),
      },
    },
  },
};
