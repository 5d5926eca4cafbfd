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
      readonly inHospital: string;
      readonly emergency: string;
      readonly scopeRows: Record<'prompts' | 'orders' | 'accepted' | 'overridden' | 'noDecision' | 'unexplained' | 'yuanSaved', string>;
      readonly recognisedItems: string;
      recognisedItemRows(count: number, city: number, province: number): readonly (readonly [string, string | number])[];
      readonly repeats: string;
      readonly repeatRows: Record<'orders' | 'patients' | 'patientsWithMoreThanOne', string>;
      readonly repeatColumns: readonly string[];
      readonly exceptions: string;
      readonly exceptionRows: Record<'overridden' | 'informed' | 'informedShare' | 'explanationMissing', string>;
    };
    /** Codes as words in the exports (11.9): what the screen shows, never the code. */
    readonly scopes: Record<'external' | 'in-hospital' | 'emergency', string>;
    readonly modalities: Readonly<Record<string, string>>;
    readonly sources: Record<'cds-feedback' | 'smart-app', string>;
    /** The reasons whose wording for the doctor carries an instruction, as plain names (其他, not 其他（需说明）). */
    readonly reasonNames: Partial<Record<ExceptionReason, string>>;
    readonly notificationParties: Record<'patient' | 'family' | 'guardian', string>;
    readonly notificationMethods: Record<'verbal' | 'written' | 'electronic', string>;
    notification(party: string, method: string, at: string, by: string): string;
    readonly explanationMissing: string;
  };
  /** The accepted result as written into the EHR's record. */
  readonly writeBack: {
    readonly tag: string;
    conclusion(institution: string, date: string, title: string): string;
  };
}
