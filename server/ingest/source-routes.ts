import express, { Router, type RequestHandler, type Response } from 'express';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import { sourceByToken, type RegisteredSource } from '../store/result-sources';
import { receiveCda } from './cda/receive';
import { documentInEnvelope, soapAnswer, soapFault, soapVersion, wsdl } from './cda/soap';
import { xdsDocuments, xdsResponse } from './cda/xds';
import { receiveHl7 } from './hl7v2/receive';

/** The largest HL7 v2 message taken over HTTP: a day's batch of one LIS fits, a 50 MB body does not. */
const HL7_LIMIT = '5mb';
/** A CDA document with its text and a few images' references; a 50 MB body is refused unread. */
const CDA_LIMIT = '10mb';
/** A submission set of a few documents, base64 or MTOM. */
const XDS_LIMIT = '25mb';

/** A registered, unrevoked source of this format, from its bearer token: before any byte of the body is read. */
function sourceAuthentication(services: Services, format: RegisteredSource['format']): RequestHandler {
  return async (request, response, next) => {
    const token = /^Bearer\s+(hrs_[\w-]+)$/.exec(request.get('authorization') ?? '')?.[1];
    const source = token ? await sourceByToken(services.reader, token) : null;
    if (!source || source.revoked || source.format !== format)
      throw new HttpError(401, 'unauthenticated', '数据源令牌无效或已吊销（Authorization: Bearer hrs_…）');
    response.locals.source = source;
    next();
  };
}

const sourceOf = (response: Response): RegisteredSource => response.locals.source as RegisteredSource;

/** Results in as hospitals send them: HL7 v2 over HTTP (the MLLP listener is server/ingest/hl7v2/mllp.ts). */
export function sourceRoutes(services: Services): Router {
  const router = Router();
  router.post(
    '/ingest/hl7v2',
    sourceAuthentication(services, 'hl7v2'),
    express.raw({ type: () => true, limit: HL7_LIMIT }),
    async (request, response) => {
      if (!Buffer.isBuffer(request.body) || request.body.length === 0)
        throw new HttpError(400, 'invalid', '请求体为空：请发送一条 HL7 v2 消息', null);
      const ack = await receiveHl7(services, sourceOf(response), request.body);
      // The ACK says what happened; the status says it to HTTP: stored, or refused for the message or its content.
      response
        .status(ack.code === 'AA' ? 200 : ack.code === 'AE' ? 422 : 400)
        .type('x-application/hl7-v2+er7; charset=utf-8')
        .send(ack.text);
    },
  );
  router.post(
    '/ingest/cda',
    sourceAuthentication(services, 'cda'),
    express.raw({ type: () => true, limit: CDA_LIMIT }),
    async (request, response) => {
      if (!Buffer.isBuffer(request.body) || request.body.length === 0)
        throw new HttpError(400, 'invalid', '请求体为空：请发送一份 CDA 文档（application/xml）', null);
      const answer = await receiveCda(services, sourceOf(response), request.body);
      response.status(answer.status).json(answer);
    },
  );
  // The same upload as a one-operation SOAP 1.1/1.2 service, for 互联互通 platforms that speak SOAP.
  router.get('/ingest/soap', (_request, response) => {
    response.type('text/xml; charset=utf-8').send(wsdl(`${services.config.publicUrl}/ingest/soap`));
  });
  router.post(
    '/ingest/soap',
    sourceAuthentication(services, 'cda'),
    express.text({ type: () => true, limit: CDA_LIMIT }),
    async (request, response) => {
      const version = soapVersion(request.get('content-type'));
      const soapType = version === '1.2' ? 'application/soap+xml; charset=utf-8' : 'text/xml; charset=utf-8';
      const found = documentInEnvelope(typeof request.body === 'string' ? request.body : '');
      if (!found.ok) {
        response
          .status(400)
          .type(soapType)
          .send(soapFault(version, found.reason, 'Body'));
        return;
      }
      const answer = await receiveCda(services, sourceOf(response), found.bytes);
      if (answer.outcome === 'quarantined')
        response
          .status(answer.status)
          .type(soapType)
          .send(soapFault(version, answer.reason ?? '', answer.field));
      else response.type(soapType).send(soapAnswer(version, answer));
    },
  );
  // IHE XDS.b ITI-41 from a 互联互通 platform's document source: inline base64 or MTOM attachments.
  router.post(
    '/ingest/xds',
    sourceAuthentication(services, 'cda'),
    express.raw({ type: () => true, limit: XDS_LIMIT }),
    async (request, response) => {
      const soapType = 'application/soap+xml; charset=utf-8';
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const found = xdsDocuments(request.get('content-type') ?? '', body);
      if (!found.ok) {
        response.status(400).type(soapType).send(xdsResponse(null, found.reason));
        return;
      }
      const answers = [];
      // One after another: each is stored (or quarantined) before the next, and the response after all.
      for (const document of found.documents)
        answers.push({ id: document.id, answer: await receiveCda(services, sourceOf(response), document.bytes) });
      response.type(soapType).send(xdsResponse(found.messageId, answers));
    },
  );
  return router;
}
