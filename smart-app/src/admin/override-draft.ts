import type { Discipline, HospitalOverride, LowerLevelAcceptance, PromptIndicator } from './admin-model';

/**
 * The override as the editor holds it: windows as typed (a field may be empty or wrong while the
 * administrator types), everything else as the API takes it.
 */
export interface OverrideDraft {
  readonly disabledDisciplines: readonly Discipline[];
  readonly disabledItems: readonly string[];
  readonly windowDays: Readonly<Record<string, string>>;
  readonly indicator?: PromptIndicator | undefined;
  readonly silenceInEmergency?: boolean | undefined;
  readonly requireMethodMatch?: boolean | undefined;
  readonly lowerLevelAcceptance?: LowerLevelAcceptance | undefined;
}

/**
 * What the rules do where the override says nothing (rules/configuration.ts `effectiveConfiguration`;
 * the acceptance default is the region's, sent with the bounds). The API does not send these.
 */
export const RULE_DEFAULTS = {
  indicator: 'warning',
  silenceInEmergency: false,
  requireMethodMatch: false,
} as const satisfies Partial<HospitalOverride>;

/** Narrowest first (rules/policy.ts): a region's maximum allows itself and everything before it. */
const ACCEPTANCE_WIDTH = ['alliance', 'all'] as const satisfies readonly LowerLevelAcceptance[];

export function acceptanceOptions(max: LowerLevelAcceptance): LowerLevelAcceptance[] {
  return ACCEPTANCE_WIDTH.slice(0, ACCEPTANCE_WIDTH.indexOf(max) + 1);
}

export function draftOf(override: HospitalOverride): OverrideDraft {
  return {
    ...override,
    windowDays: Object.fromEntries(Object.entries(override.windowDays).map(([code, days]) => [code, String(days)])),
  };
}

/**
 * The override to send; only meaningful when `windowProblems` finds none. Settings left unset stay
 * unset (JSON drops them): they follow the region's default, now and when it changes.
 */
export function overrideOf(draft: OverrideDraft): HospitalOverride {
  return {
    ...draft,
    windowDays: Object.fromEntries(Object.entries(draft.windowDays).map(([code, days]) => [code, Number(days)])),
  };
}

export type WindowProblem = { readonly kind: 'not-whole' } | { readonly kind: 'too-long'; readonly bound: number };

/** The editor's own check of the windows against the bounds it was sent; the server checks again. */
export function windowProblems(
  draft: OverrideDraft,
  bounds: Readonly<Record<string, number>>,
): Map<string, WindowProblem> {
  const problems = new Map<string, WindowProblem>();
  for (const [code, text] of Object.entries(draft.windowDays)) {
    const bound = bounds[code];
    if (!/^\d{1,4}$/.test(text.trim())) problems.set(code, { kind: 'not-whole' });
    else if (bound !== undefined && Number(text) > bound) problems.set(code, { kind: 'too-long', bound });
  }
  return problems;
}
