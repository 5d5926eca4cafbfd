import cors from 'cors';
import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { apiInvalid, HttpError } from '../errors/http-error';
import { hisCheckInputSchema, hisDecisionInputSchema, hisDecisionsQuerySchema, HIS_SERVICE_ID } from '../contract/his';
import { localeOf, messages } from '../i18n';
import { withinBudget } from '../pipeline/budget';
import type { Services } from '../services';
import { findHisClient, listHisClients } from '../store/his-clients';
import { findPrompt } from '../store/prompts';
import { arrivalOf } from '../web/load';
import { hisAuthentication, hisClientOf } from './authentication';
import { degradedCheck, hisCaller, hisCheck } from './check';
import { readHisDecision, writeHisDecision } from './decisions';
import { expiredPage } from './expired-page';
import { sdkScript } from './sdk';
import { xmlAnswer, xmlRequest } from './xml';

const isXml = (request: Request): boolean => /\bxml\b/i.test(request.get('content-type') ?? '');

/** The body as JSON or XML (by Content-Type), validated; a refusal names the field. */
function bodyOf<T extends z.ZodType>(schema: T, request: Request): z.infer<T> {
  const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  let raw: unknown;
  if (isXml(request)) raw = xmlRequest(bytes);
  else {
    try {
      raw = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new HttpError(400, 'invalid', '请求体不是 JSON（或请以 Content-Type: application/xml 发送 XML）', null);
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw apiInvalid(parsed.error);
  return parsed.data;
}

/** Answers in the request's format: XML to a HIS that posted XML (or asks for it), JSON otherwise. */
function answer(request: Request, response: Response, root: string, value: unknown): void {
  if (isXml(request) || /\bxml\b/i.test(request.get('accept') ?? ''))
    response.type('application/xml; charset=utf-8').send(xmlAnswer(root, value));
  else response.json(value);
}

/** The HIS channel: order-time check, decision write-back and read-back, the decision page, the browser SDK. */
export function hisRoutes(services: Services): Router {
  const router = Router();
  // A browser-based HIS calls from its own origin: only origins some registered HIS lists (each call
  // is then checked against its own HIS's origins). HIS servers send no Origin and need no CORS.
  const corsHeaders = cors({
    origin: (origin, callback) => {
      if (!origin) return callback(null, false);
      listHisClients(services.reader).then(
        (clients) =>
          callback(
            null,
            clients.some((client) => !client.revoked && client.origins.includes(origin)),
          ),
        (error: unknown) => callback(error as Error),
      );
    },
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept-Language'],
    maxAge: 600,
  });
  router.use('/his/v1', (request, response, next) =>
    request.headers.origin === undefined ? next() : corsHeaders(request, response, next),
  );
  const signedOrBrowser = hisAuthentication(services, { browser: true });

  router.post('/his/v1/check', ...signedOrBrowser, async (request, response) => {
    const startedAt = arrivalOf(response);
    const client = hisClientOf(response);
    const input = bodyOf(hisCheckInputSchema, request);
    const locale = localeOf(request);
    const end = services.metrics.hookDuration.startTimer({ service: HIS_SERVICE_ID });
    const result = await withinBudget(
      Math.max(0, services.config.hookBudgetMs - (Date.now() - startedAt)),
      (signal) => hisCheck({ input, client, caller: hisCaller(client), locale, services, startedAt, signal }),
      (reason, error) => {
        // As with the hooks: no prompt rather than an error; the doctor orders as if Huren were not there.
        services.metrics.hookDegraded.inc({ service: HIS_SERVICE_ID, reason });
        if (reason === 'failure') request.log.error({ err: error }, 'HIS check degraded to no prompts');
        return degradedCheck(input, client, reason, locale);
      },
    );
    end({ status: '200' });
    // Our own answer, typed by its schema: not parsed again on the hot path (the tests check it against the document).
    answer(request, response, 'HurenCheckResult', result);
  });

  router.post('/his/v1/decisions', ...signedOrBrowser, async (request, response) => {
    const input = bodyOf(hisDecisionInputSchema, request);
    const decision = await writeHisDecision(
      services,
      hisClientOf(response).hospitalId,
      input,
      messages(localeOf(request)),
    );
    answer(request, response, 'HurenDecision', decision);
  });

  router.get('/his/v1/decisions', ...signedOrBrowser, async (request, response) => {
    const { lang: _lang, ...query } = request.query;
    const parsed = hisDecisionsQuerySchema.safeParse(query);
    if (!parsed.success) throw apiInvalid(parsed.error);
    const decision = await readHisDecision(
      services,
      hisClientOf(response).hospitalId,
      parsed.data.orderId,
      messages(localeOf(request)),
    );
    answer(request, response, 'HurenDecision', decision);
  });

  // The SDK's token is minted by the HIS's server, which holds the key: the key never reaches a browser.
  router.post(
    '/his/v1/browser-tokens',
    ...hisAuthentication(services, { browser: false }),
    async (_request, response) => {
      const minted = await services.hisTokens.browserToken(hisClientOf(response).id);
      response.status(201).json({ token: minted.token, expiresAt: minted.expiresAt.toISOString() });
    },
  );

  // The decision page, from the single-use URL of a check: it becomes the app's decision screen with a card token.
  router.get('/his/v1/decision-page', async (request, response) => {
    const ticket = typeof request.query.ticket === 'string' ? request.query.ticket : '';
    const opened = await services.hisTokens.openPageTicket(ticket);
    response.set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    if (typeof opened === 'string') {
      response
        .status(opened === 'expired' ? 410 : 400)
        .type('html')
        .send(expiredPage(opened));
      return;
    }
    if (!(await services.replayGuard.firstSighting('his-page', opened.ticketId, opened.expiresAt))) {
      response.status(410).type('html').send(expiredPage('used'));
      return;
    }
    const [prompt, client] = await Promise.all([
      findPrompt(services.reader, opened.promptId),
      findHisClient(services.reader, opened.clientId),
    ]);
    if (!prompt || !client || client.revoked || prompt.hospitalId !== client.hospitalId) {
      response.status(400).type('html').send(expiredPage('invalid'));
      return;
    }
    const token = services.decisionTokens.issue({
      promptId: prompt.id,
      hospitalId: prompt.hospitalId,
      patientKey: prompt.patientKey,
    });
    // In the fragment: never sent to a server, never in a proxy's log.
    const fragment = new URLSearchParams({ prompt: prompt.id, token, origins: client.origins.join(' ') });
    response.redirect(303, `${services.config.publicUrl}/app/his#${fragment.toString()}`);
  });

  router.get(['/his/sdk.js', '/his/sdk.mjs'], (request, response) => {
    response
      .type('text/javascript; charset=utf-8')
      .set('cache-control', 'no-cache')
      .send(sdkScript(services.config.publicUrl, request.path.endsWith('.mjs') ? 'module' : 'classic'));
  });
  return router;
}
