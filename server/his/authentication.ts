import express, { type RequestHandler, type Response } from 'express';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import { findHisClient, type HisClient } from '../store/his-clients';
import { ownOriginOf, pageMayCall } from '../web/page-origin';
import { clientRateLimit } from '../web/security';
import { CLOCK_SKEW_SECONDS, SIGNATURE_HEADERS, signatureMatches } from './signature';

/** A check names up to 50 orders: a few kilobytes. Anything near this is not a check. */
const BODY_LIMIT = '256kb';

const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

interface Authenticated {
  readonly client: HisClient;
  /** Set for HMAC-signed calls, checked once the body is read. */
  readonly signed: { readonly timestamp: string; readonly nonce: string; readonly signature: string } | null;
}

export const hisClientOf = (response: Response): HisClient => (response.locals.his as Authenticated).client;

const refused = (message: string) => new HttpError(401, 'unauthenticated', message);

/** Who calls, from the headers alone, before any byte of the body is read. */
function identify(services: Services, browser: boolean): RequestHandler {
  const ownOrigin = ownOriginOf(services.config.publicUrl);
  return async (request, response, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.get('authorization') ?? '')?.[1];
    if (bearer) {
      const clientId = browser ? await services.hisTokens.browserClient(bearer) : null;
      if (!clientId)
        throw refused(
          browser
            ? '浏览器令牌无效或已过期：请由 HIS 服务端重新申请（POST /his/v1/browser-tokens）'
            : '此接口只接受 HIS 服务端的 HMAC 签名调用',
        );
      const client = await findHisClient(services.reader, clientId);
      if (!client || client.revoked) throw refused('该 HIS 未在平台登记或已停用');
      const origin = request.get('origin');
      // Huren's own pages (the development demo HIS) are always allowed; any other page must be registered.
      if (!pageMayCall(origin, ownOrigin, client.origins))
        throw new HttpError(403, 'forbidden', `来源 ${String(origin).slice(0, 100)} 未在该 HIS 的登记中`);
      response.locals.his = { client, signed: null } satisfies Authenticated;
      response.locals.caller = { issuer: `his:${client.id}` };
      next();
      return;
    }
    const clientId = request.get(SIGNATURE_HEADERS.client);
    const timestamp = request.get(SIGNATURE_HEADERS.timestamp);
    const nonce = request.get(SIGNATURE_HEADERS.nonce);
    const signature = request.get(SIGNATURE_HEADERS.signature);
    if (!clientId || !timestamp || !nonce || !signature)
      throw refused(
        '缺少签名：请按接入文档（docs/his-integration.md）带上 X-Huren-Client、X-Huren-Timestamp、X-Huren-Nonce 与 X-Huren-Signature',
      );
    const client = await findHisClient(services.reader, clientId.slice(0, 64));
    if (!client || client.revoked) throw refused('该 HIS 未在平台登记或已停用');
    const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
    if (!(Math.abs(services.clock().getTime() / 1000 - seconds) <= CLOCK_SKEW_SECONDS))
      throw refused(
        `时间戳与平台时间相差超过 ${CLOCK_SKEW_SECONDS} 秒（或格式不对，应为 Unix 秒）：请校准 HIS 服务器时钟`,
      );
    if (!NONCE.test(nonce)) throw refused('nonce 应为 16 至 64 位字母、数字、- 或 _，每次调用都不同');
    response.locals.his = { client, signed: { timestamp, nonce, signature } } satisfies Authenticated;
    // The rate limit counts per HIS, as it counts per CDS client.
    response.locals.caller = { issuer: `his:${client.id}` };
    next();
  };
}

/** The signature over the body just read, then the nonce: a replay of a signed call is refused. */
function verify(services: Services): RequestHandler {
  return async (request, response, next) => {
    const { client, signed } = response.locals.his as Authenticated;
    if (!signed) {
      next();
      return;
    }
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const parts = { method: request.method, path: request.originalUrl, ...signed, body };
    if (!signatureMatches(client.hmacKey, parts, signed.signature))
      throw refused('签名不符：请核对密钥与待签名串（方法、路径含查询串、时间戳、nonce、请求体 SHA-256）');
    const expiresAt = new Date((Number(signed.timestamp) + CLOCK_SKEW_SECONDS) * 1000);
    if (!(await services.replayGuard.firstSighting(`his:${client.id}`, signed.nonce, expiresAt)))
      throw refused('重复的请求：这个 nonce 已经用过，每次调用请生成新的 nonce');
    next();
  };
}

/**
 * A registered HIS, by its HMAC signature, or (where `browser`) by a browser token its server minted.
 * The hospital is the registration's, never the body's.
 */
export function hisAuthentication(services: Services, { browser }: { readonly browser: boolean }): RequestHandler[] {
  return [
    identify(services, browser),
    clientRateLimit(services),
    express.raw({ type: () => true, limit: BODY_LIMIT }),
    verify(services),
  ];
}
