import type { Response } from 'express';
import type { AccessLogEndpoint } from '../contract/access-log';
import type { Principal } from '../store/api-tokens';
import type { AccessActor } from './recorder';

/** A hook call's reader: the verified CDS client, or nobody in particular when CDS_AUTH is off. */
export function hookActor(issuer: string | null, endpoint: AccessLogEndpoint): AccessActor {
  return issuer
    ? { kind: 'cds-client', actor: issuer, name: null, endpoint }
    : { kind: 'unauthenticated', actor: 'CDS_AUTH=off', name: null, endpoint };
}

/** A JSON API caller: the API token (its id, and its name for people reading the log). */
export function tokenActor(principal: Principal, endpoint: AccessLogEndpoint): AccessActor {
  return { kind: 'api-token', actor: principal.tokenId, name: principal.name, endpoint };
}

/** The principal the route's `requireRole` set, if any (read after the response, from its locals). */
export function principalIn(response: Response): Principal | null {
  return (response.locals.principal as Principal | undefined) ?? null;
}
