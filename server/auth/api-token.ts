import type { RequestHandler, Response } from 'express';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import { findApiToken, type ApiRole, type Principal } from '../store/api-tokens';

/**
 * The JSON API's authentication: `Authorization: Bearer hrn_…`, a token created with the CLI, not
 * revoked, with one of the roles the route allows. 401 without a usable token, 403 with the wrong role.
 */
export function requireRole(services: Services, ...roles: ApiRole[]): RequestHandler {
  return async (request, response, next) => {
    const token = /^Bearer\s+(hrn_[\w-]+)$/.exec(request.get('authorization') ?? '')?.[1];
    if (!token) throw new HttpError(401, 'unauthenticated', 'an API token is required (Authorization: Bearer hrn_…)');
    const record = await findApiToken(services.reader, token);
    if (!record || record.revokedAt)
      throw new HttpError(401, 'unauthenticated', 'this API token is not valid or was revoked');
    if (!roles.includes(record.role))
      throw new HttpError(403, 'forbidden', `this needs a ${roles.join(' or ')} token; yours is ${record.role}`);
    response.locals.principal = {
      tokenId: record.tokenId,
      name: record.name,
      role: record.role,
      hospitalId: record.hospitalId,
    } satisfies Principal;
    next();
  };
}

export function principalOf(response: Response): Principal {
  const principal = response.locals.principal as Principal | undefined;
  if (!principal) throw new Error('route without requireRole');
  return principal;
}

/** The hospital a hospital-bound token works for; a platform token names it in the request instead. */
export function hospitalOf(principal: Principal): string {
  if (!principal.hospitalId) throw new HttpError(403, 'forbidden', 'this token is not bound to a hospital');
  return principal.hospitalId;
}
