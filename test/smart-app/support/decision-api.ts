import { http, HttpResponse, type RequestHandler } from 'msw';
import { EXCEPTION_REASONS, type ExceptionReason } from '../../../rules';
import {
  decisionInputSchema,
  writeBackInputSchema,
  type DecisionView,
  type PromptView,
} from '../../../server/contract/decisions';
import { apiInvalid, HttpError } from '../../../server/errors/http-error';
import { SYSTEMS } from '../../../server/fhir/systems';
import { localeFrom, messages } from '../../../server/i18n';
import { SMART_SCOPE } from '../../../server/web/routes';
import { decisionAnswer, PROMPT_ID, promptView, type ViewOptions } from './fixtures';

export const ORIGIN = window.location.origin;
export const CLIENT_ID = 'huren-smart-app';
export const CARD_TOKEN = 'card-token-zhang-wei-k';

const isOurReason = (code: string): code is ExceptionReason => (EXCEPTION_REASONS as readonly string[]).includes(code);

/**
 * Our decision API as the app sees it over HTTP: the card's view, decisions and write-back reports,
 * with the server's own input schemas and error bodies, and a memory of every request it got.
 */
export class FakeDecisionApi {
  readonly decisions: unknown[] = [];
  readonly writeBacks: unknown[] = [];
  readonly viewLanguages: (string | null)[] = [];
  readonly authorizations: (string | null)[] = [];
  private history: DecisionView[];
  private readonly editable: boolean;
  private readonly markRequired: boolean;
  private readonly encounterKind: ViewOptions['encounterKind'];

  constructor(
    private readonly story: Parameters<typeof promptView>[0],
    options: ViewOptions = {},
  ) {
    this.history = [...(options.history ?? (options.decision ? [options.decision] : []))];
    this.editable = options.editable ?? true;
    this.markRequired = options.markRequired ?? false;
    this.encounterKind = options.encounterKind;
  }

  get current(): DecisionView | null {
    return this.history.at(-1) ?? null;
  }

  view(acceptLanguage: string | null): PromptView {
    const locale = localeFrom(acceptLanguage ?? undefined);
    const inLocale = (version: DecisionView): DecisionView => ({
      ...version,
      reasonText:
        version.reason && isOurReason(version.reason.code)
          ? messages(locale).exceptionReasons[version.reason.code]
          : version.reasonText,
    });
    return promptView(this.story, locale, {
      decision: this.current ? inLocale(this.current) : null,
      history: this.history.map(inLocale),
      editable: this.editable,
      markRequired: this.markRequired,
      ...(this.encounterKind ? { encounterKind: this.encounterKind } : {}),
    });
  }

  private answer(request: Request) {
    const view = this.view(request.headers.get('accept-language'));
    if (!view.decision) throw new Error('no decision to answer with');
    return HttpResponse.json(
      decisionAnswer({
        decision: view.decision,
        history: view.history,
        editable: view.editable,
        writeBackResource: view.writeBackResource,
      }),
    );
  }

  private record(version: Omit<DecisionView, 'version' | 'recordedAt'>): void {
    this.history.push({ ...version, version: this.history.length + 1, recordedAt: new Date().toISOString() });
  }

  handlers(): RequestHandler[] {
    const refuse = (error: HttpError) => HttpResponse.json(error.body(), { status: error.status });
    const authorised = (request: Request) => {
      this.authorizations.push(request.headers.get('authorization'));
      return request.headers.get('authorization') === `Bearer ${CARD_TOKEN}`;
    };
    const unauthenticated = new HttpError(401, 'unauthenticated', 'the decision token is not valid');
    return [
      http.get(`${ORIGIN}/app/config.json`, () => HttpResponse.json({ clientId: CLIENT_ID, scope: SMART_SCOPE })),
      http.get(`${ORIGIN}/api/prompts/${PROMPT_ID}`, ({ request }) => {
        if (!authorised(request)) return refuse(unauthenticated);
        this.viewLanguages.push(request.headers.get('accept-language'));
        return HttpResponse.json(this.view(request.headers.get('accept-language')));
      }),
      http.post(`${ORIGIN}/api/prompts/${PROMPT_ID}/decision`, async ({ request }) => {
        if (!authorised(request)) return refuse(unauthenticated);
        const body: unknown = await request.json();
        this.decisions.push(body);
        const parsed = decisionInputSchema.safeParse(body);
        if (!parsed.success) return refuse(apiInvalid(parsed.error));
        const input = parsed.data;
        const now = new Date().toISOString();
        const base = {
          practitioner: input.practitioner,
          source: 'smart-app' as const,
          complete: true,
          decidedAt: now,
          writeBack: null,
          reasonText: null,
          afterSigning: input.outcome !== 'withdrawn' && input.orderSigned === true,
        };
        switch (input.outcome) {
          case 'accepted':
            if (input.resultId !== this.view(null).recognisable[0]?.resultId)
              return refuse(new HttpError(409, 'not-recognisable', 'not recognisable', 'resultId'));
            this.record({
              ...base,
              outcome: 'accepted',
              resultId: input.resultId,
              reason: null,
              explanation: null,
              notification: null,
            });
            break;
          case 'overridden':
            this.record({
              ...base,
              outcome: 'overridden',
              resultId: null,
              reason: { system: SYSTEMS.exceptionReason, code: input.reason, display: null },
              explanation: input.explanation,
              notification: input.notification,
            });
            break;
          case 'withdrawn':
            if (!this.current || this.current.outcome === 'withdrawn')
              return refuse(new HttpError(409, 'nothing-to-withdraw', 'there is no decision to take back'));
            this.record({
              ...base,
              outcome: 'withdrawn',
              resultId: null,
              reason: null,
              explanation: null,
              notification: null,
            });
            break;
        }
        return this.answer(request);
      }),
      http.post(`${ORIGIN}/api/prompts/${PROMPT_ID}/write-back`, async ({ request }) => {
        if (!authorised(request)) return refuse(unauthenticated);
        const body: unknown = await request.json();
        this.writeBacks.push(body);
        const parsed = writeBackInputSchema.safeParse(body);
        if (!parsed.success) return refuse(apiInvalid(parsed.error));
        const current = this.current;
        if (current?.outcome !== 'accepted')
          return refuse(new HttpError(409, 'not-accepted', 'only an accepted result is written back'));
        this.record({ ...current, writeBack: parsed.data });
        return this.answer(request);
      }),
    ];
  }
}
