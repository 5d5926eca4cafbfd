import type { CandidateWarning, EncounterKind, ExceptionReason, ExclusionReason, Level, OrderRefusal } from '../../rules';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Every user-facing string of the service, per language. Code never holds the words themselves. */
export interface Messages {
  readonly serviceTitle: Record<'patientView' | 'orderSelect' | 'orderSign', string>;
  readonly serviceDescription: Record<'patientView' | 'orderSelect' | 'orderSign', string>;
  readonly sourceLabel: string;
  readonly topicDisplay: string;
  orderSummary(item: string, institution: string, date: string, ageDays: number): string;
  historySummary(count: number): string;
  readonly emergencyNote: string;
  readonly recognisableHeading: string;
  readonly orderedItem: string;
  level(level: Level, grade: string | null): string;
  resultLine(date: string, ageDays: number, daysLeft: number): string;
  readonly markLabel: string;
  readonly noMark: string;
  readonly testSystemLabel: string;
  readonly methodLabel: string;
  readonly brandLabel: string;
  methodDiffers(ours: string): string;
  readonly labColumns: readonly [string, string, string, string, string];
  readonly findingsLabel: string;
  readonly impressionLabel: string;
  readonly viewImages: string;
  moreResults(count: number): string;
  acceptSuggestion(institution: string, date: string): string;
  deleteOrder(item: string): string;
  readonly openApp: string;
  readonly historyColumns: readonly [string, string, string, string];
  daysLeft(days: number): string;
  readonly exceptionReasons: Record<ExceptionReason, string>;
  readonly exclusionReasons: Record<ExclusionReason, string>;
  readonly orderRefusals: Record<OrderRefusal, string>;
  readonly warnings: Record<CandidateWarning, string>;
  readonly encounterKinds: Record<EncounterKind, string>;
  readonly assessmentOutcomes: Record<'assessed' | 'no-orders' | 'patient-not-identifiable', string>;
  readonly flags: Record<string, string>;
  /** The quality department's lists and reports. */
  readonly quality: {
    readonly outcomes: Record<'accepted' | 'overridden' | 'not-counted' | 'no-decision' | 'unexplained-repeat', string>;
    readonly orderColumns: readonly string[];
    readonly report: {
      readonly title: (month: string, hospital: string) => string;
      readonly totals: string;
      readonly totalRows: Record<'prompts' | 'orders' | 'eligible' | 'accepted' | 'rate' | 'overridden' | 'notCounted' | 'noDecision' | 'unexplained' | 'yuanSaved', string>;
      readonly groupColumns: readonly string[];
      readonly byDepartment: string;
      readonly byModality: string;
      readonly byItem: string;
      readonly reasons: string;
      readonly reasonColumns: readonly string[];
      readonly counted: string;
      readonly notCounted: string;
    };
  };
  /** The accepted result as written into the EHR's record. */
  readonly writeBack: {
    readonly tag: string;
    conclusion(institution: string, date: string, title: string): string;
  };
  /** The development SMART authorization server's page when it refuses a launch (a doctor may see it). */
  readonly authorizationRefused: {
    readonly title: string;
    readonly reasons: Record<'launch' | 'request', string>;
    readonly technical: string;
  };
  /** order-sign, for an order prompted at order-select and still undecided. */
  signReminderSummary(item: string): string;
  readonly signReminderNote: string;
  /** Why a row of an uploaded code-mapping CSV was refused. */
  readonly mappingRefusals: {
    notCsv(detail: string): string;
    readonly header: string;
    readonly emptyCode: string;
    readonly codeTooLong: string;
    duplicate(code: string): string;
    unknownItem(code: string): string;
    readonly emptyItem: string;
  };
  /** An external imaging report's impression: the doctor's conclusion, never part of what is recognised (001, 002). */
  readonly externalImpression: string;
  readonly externalImpressionNote: string;
}
