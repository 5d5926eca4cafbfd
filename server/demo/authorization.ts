import { createHash, randomBytes } from 'node:crypto';
import express, { Router } from 'express';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { HttpError } from '../errors/http-error';
import { localeOf, messages } from '../i18n';
import type { Services } from '../services';
import { authorizationRefusedPage } from './authorization-page';

/**
 * A development SMART authorization server, so the SMART app can be launched without an EHR:
 * EHR launch (`launch` + `iss`) and standalone launch, authorization code with PKCE (S256 only),
 * and a token response that carries the card's `appContext`. It approves every request; never mounted
 * in production. State lives in memory: restarting the server ends all demo sessions.
 */
export interface LaunchContext {
  readonly patientId: string;
  readonly practitionerId: string;
  readonly encounterId: string | null;
  readonly appContext: string | null;
}

interface PendingCode extends LaunchContext {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly scope: string;
  readonly expiresAt: number;
}

export interface AccessGrant extends LaunchContext {
  readonly scope: string;
  readonly expiresAt: number;
}

const launchSchema = z.strictObject({
  patientId: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/),
  practitionerId: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/),
  encounterId: z
    .string()
    .regex(/^[A-Za-z0-9\-.]{1,64}$/)
    .nullable()
    .default(null),
  appContext: z.string().max(8192).nullable().default(null),
});

const LIFETIME_MS = { launch: 10 * 60_000, code: 60_000, token: 60 * 60_000 };

export class DemoAuthorization {
  private readonly launches = new Map<string, LaunchContext & { expiresAt: number }>();
  private readonly codes = new Map<string, PendingCode>();
  private readonly tokens = new Map<string, AccessGrant>();
  private readonly idTokenKey = randomBytes(32);

  constructor(
    private readonly services: Services,
    /** The default patient and practitioner of a standalone launch. */
    private readonly standalone: LaunchContext,
  ) {}

  get issuer(): string {
    return `${this.services.config.publicUrl}/demo/fhir`;
  }

  grantFor(authorization: string | undefined): AccessGrant | null {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const grant = token ? this.tokens.get(token) : undefined;
    return grant && grant.expiresAt > Date.now() ? grant : null;
  }

  private now(): number {
    return Date.now();
  }

  routes(): Router {
    const router = Router();
    const base = this.services.config.publicUrl;

    // http://hl7.org/fhir/smart-app-launch/conformance.html
    router.get('/demo/fhir/.well-known/smart-configuration', (_request, response) => {
      response.json({
        issuer: this.issuer,
        authorization_endpoint: `${base}/demo/auth/authorize`,
        token_endpoint: `${base}/demo/auth/token`,
        grant_types_supported: ['authorization_code'],
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
        scopes_supported: [
          'openid',
          'fhirUser',
          'launch',
          'launch/patient',
          'patient/*.read',
          'patient/DiagnosticReport.write',
        ],
        capabilities: [
          'launch-ehr',
          'launch-standalone',
          'client-public',
          'context-ehr-patient',
          'context-standalone-patient',
          'sso-openid-connect',
          'permission-patient',
          'permission-v1',
        ],
      });
    });

    /** The demo EHR registers what a card's smart link launches with, and gets the `launch` value. */
    router.post('/demo/auth/launch', (request, response) => {
      const parsed = launchSchema.safeParse(request.body);
      if (!parsed.success)
        throw new HttpError(
          400,
          'invalid',
          parsed.error.issues[0]?.message ?? 'invalid',
          parsed.error.issues[0]?.path.join('.') ?? null,
        );
      const launch = randomBytes(16).toString('hex');
      this.launches.set(launch, { ...parsed.data, expiresAt: this.now() + LIFETIME_MS.launch });
      response.status(201).json({
        launch,
        iss: this.issuer,
        url: `${base}/app/launch?iss=${encodeURIComponent(this.issuer)}&launch=${launch}`,
      });
    });

    router.get('/demo/auth/authorize', (request, response) => {
      const query = request.query as Record<string, string | undefined>;
      const locale = localeOf(request);
      const refuse = (message: string, kind: 'launch' | 'request' = 'request') =>
        response
          .status(400)
          .type('html')
          .send(authorizationRefusedPage(messages(locale), locale, kind, message));
      if (query.response_type !== 'code') return refuse('response_type must be code');
      if (query.client_id !== this.services.config.smartClientId) return refuse('unknown client_id');
      if (!query.redirect_uri?.startsWith(`${base}/app/`)) return refuse('redirect_uri is not the Huren app');
      if (query.aud !== this.issuer) return refuse('aud must be this FHIR server');
      if (query.code_challenge_method !== 'S256' || !query.code_challenge) return refuse('PKCE with S256 is required');
      let context: LaunchContext = this.standalone;
      if (query.launch) {
        const launch = this.launches.get(query.launch);
        if (!launch || launch.expiresAt < this.now()) return refuse('unknown or expired launch', 'launch');
        context = launch;
      }
      const code = randomBytes(24).toString('base64url');
      this.codes.set(code, {
        ...context,
        clientId: query.client_id,
        redirectUri: query.redirect_uri,
        challenge: query.code_challenge,
        scope: query.scope ?? '',
        expiresAt: this.now() + LIFETIME_MS.code,
      });
      const target = new URL(query.redirect_uri);
      target.searchParams.set('code', code);
      if (query.state) target.searchParams.set('state', query.state);
      response.redirect(302, target.toString());
    });

    router.post(
      '/demo/auth/token',
      express.urlencoded({ extended: false, limit: '16kb' }),
      async (request, response) => {
        const form = request.body as Record<string, string | undefined>;
        const refuse = (error: string, description: string) =>
          response.status(400).json({ error, error_description: description });
        const pending = form.code ? this.codes.get(form.code) : undefined;
        if (form.grant_type !== 'authorization_code')
          return refuse('unsupported_grant_type', 'authorization_code only');
        if (!pending || pending.expiresAt < this.now()) return refuse('invalid_grant', 'unknown or expired code');
        this.codes.delete(form.code as string);
        if (form.redirect_uri !== pending.redirectUri || form.client_id !== pending.clientId)
          return refuse('invalid_grant', 'redirect_uri or client_id differ');
        const verifier = form.code_verifier ?? '';
        if (createHash('sha256').update(verifier).digest('base64url') !== pending.challenge)
          return refuse('invalid_grant', 'code_verifier does not match');
        const accessToken = randomBytes(32).toString('base64url');
        const grant: AccessGrant = { ...pending, expiresAt: this.now() + LIFETIME_MS.token };
        this.tokens.set(accessToken, grant);
        const idToken = await new SignJWT({ fhirUser: `${this.issuer}/Practitioner/${pending.practitionerId}` })
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
          .setIssuer(this.issuer)
          .setAudience(pending.clientId)
          .setSubject(pending.practitionerId)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(this.idTokenKey);
        response.set('cache-control', 'no-store').json({
          access_token: accessToken,
          token_type: 'Bearer',
          expires_in: LIFETIME_MS.token / 1000,
          scope: pending.scope,
          id_token: idToken,
          patient: pending.patientId,
          ...(pending.encounterId ? { encounter: pending.encounterId } : {}),
          ...(pending.appContext ? { appContext: pending.appContext } : {}),
          need_patient_banner: false,
        });
      },
    );
    return router;
  }
}
