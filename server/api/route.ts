import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Locale } from '../i18n';
import type { Services } from '../services';
import type { ApiRole, Principal } from '../store/api-tokens';
import type { BodyLimit } from '../web/json-body';

export type Method = 'get' | 'post' | 'put' | 'delete';

/** Who may call: a role's API token (`hrn_…`), the card's decision token, or anyone (the OpenAPI document). */
export type Access = readonly ApiRole[] | 'decision-token' | 'public';

/** Statuses a handler may answer besides success; 400 (bad input), 401 and 403 (access) are added from the declaration. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 415;

/** A CSV request body: text/csv read as a string, described for the OpenAPI document. */
export interface CsvBody {
  readonly csv: string;
  /** JSON is taken as well (the registry import): this schema describes it. */
  readonly orJson?: z.ZodType;
}

/** What a handler is given: validated input, the caller, the negotiated language, and the exchange itself. */
export interface ApiCall<P, Q, B, A extends Access> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** The API token's holder on role routes; null on decision-token and public routes. */
  readonly principal: A extends readonly ApiRole[] ? Principal : null;
  readonly locale: Locale;
  readonly services: Services;
  readonly request: Request;
  readonly response: Response;
}

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler may answer for a schema: the schema's type, with read-only arrays and fields welcome. */
export type Answer<T> = T extends readonly (infer U)[]
  ? readonly Answer<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Answer<T[K]> }
    : T;
type BodyOf<B> = B extends CsvBody ? string | unknown[] : Infer<B>;

/**
 * One /api route, declared once: from it come the express route (access before the body is read, the
 * body limit, validation), the OpenAPI operation and the error statuses it documents.
 */
export interface ApiRouteDeclaration<
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | CsvBody | undefined,
  O extends z.ZodType | 'csv',
  A extends Access,
> {
  readonly method: Method;
  /** OpenAPI form: `/api/prompts/{promptId}`. */
  readonly path: string;
  readonly summary: string;
  readonly access: A;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** The body limit, when the route takes a body (`BODY_LIMITS`). */
  readonly bodyLimit?: BodyLimit;
  /** The answer: a JSON schema (a component of the document when it is named in SCHEMAS), or a CSV the handler streams. */
  readonly answer: O;
  readonly answerDescription: string;
  readonly status?: 200 | 201;
  readonly errors?: readonly ErrorStatus[];
  /** The answer carries words in the caller's language: `?lang` is documented. */
  readonly localized?: boolean;
  /** A read of the results behind the card `{promptId}`, logged in the access log once the route answered 200. */
  readonly readsCard?: boolean;
  readonly handle: (
    call: ApiCall<Infer<P>, Infer<Q>, BodyOf<B>, A>,
  ) => Promise<O extends z.ZodType ? Answer<z.input<O>> : void>;
}

/** A declaration with its types erased, as the mount and the document walk the list. */
export interface ApiRoute {
  readonly method: Method;
  readonly path: string;
  readonly summary: string;
  readonly access: Access;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType | CsvBody;
  readonly bodyLimit?: BodyLimit;
  readonly answer: z.ZodType | 'csv';
  readonly answerDescription: string;
  readonly status?: 200 | 201;
  readonly errors?: readonly ErrorStatus[];
  readonly localized?: boolean;
  readonly readsCard?: boolean;
  readonly handle: (call: ApiCall<unknown, unknown, unknown, Access>) => Promise<unknown>;
}

/** Declares a route; the handler's input and answer types come from the schemas. */
export function apiRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | CsvBody | undefined = undefined,
  O extends z.ZodType | 'csv' = 'csv',
  A extends Access = Access,
>(declaration: ApiRouteDeclaration<P, Q, B, O, A>): ApiRoute {
  return declaration as unknown as ApiRoute;
}

export const isCsvBody = (body: z.ZodType | CsvBody | undefined): body is CsvBody =>
  body !== undefined && 'csv' in body && typeof body.csv === 'string';
