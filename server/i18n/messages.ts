import type {
  CandidateWarning,
  EncounterKind,
  ExceptionReason,
  ExclusionReason,
  Level,
  OrderRefusal,
} from '../../rules';

export const LOCALES = ['zh-CN', 'en'] as const;

/**
 * What a sign-time reminder is about: an external result, the hospital's own (本院), an emergency
 * visit (information only, 001), or a panel some of whose analytes were done.
 */
export type SignReminderKind = 'external' | 'own' | 'emergency' | 'panel';
export type Locale = (typeof LOCALES)[number];

/** Every user-facing string of the service, per language. Code never holds the words themselves. */
export interface Messages {
  readonly serviceTitle: Record<'patientView' | 'orderSelect' | 'orderSign', string>;
  readonly serviceDescription: Record<'patientView' | 'orderSelect' | 'orderSign', string>;
  readonly sourceLabel: string;
  readonly topicDisplay: string;
  /** A prompt: the ordered item, where and when the best result was made, 本院 or not, and the advice. */
  orderSummary(item: string, institution: string, date: string, ageDays: number, own: boolean): string;
  /** Emergency (001: 互认主要适用于非急诊患者): information only, never the advice not to repeat. */
  informSummary(item: string, institution: string, date: string, ageDays: number, own: boolean): string;
  /** A panel whose analytes (not the panel itself) have recognisable results (001: 不得以…打包等形式再次收取). */
  panelSummary(panel: string, analytes: readonly string[]): string;
  historySummary(count: number, own: number): string;
  readonly emergencyNote: string;
  readonly recognisableHeading: string;
  readonly orderedItem: string;
  readonly hospitalItemName: string;
  level(level: Level, grade: string | null): string;
  /** Each language's own punctuation between a label and its text, and between items of a list. */
  readonly colon: string;
  readonly listSeparator: string;
  /** An aside in brackets: （…） in Chinese, ` (…)` in English. */
  aside(text: string): string;
  resultLine(date: string, ageDays: number, daysLeft: number): string;
  /** 本院 or 外院. */
  origin(own: boolean): string;
  readonly markLabel: string;
  readonly testSystemLabel: string;
  readonly methodLabel: string;
  readonly brandLabel: string;
  methodDiffers(ours: string): string;
  readonly labColumns: readonly [string, string, string, string, string];
  readonly findingsLabel: string;
  /** The doctor's conclusion is not part of the recognised result (001, 002: 不包括医师出具的诊断结论). */
  impressionLabel(own: boolean): string;
  /** Why a containing examination stands for the ordered one (002: 类似检查). */
  standsFor(via: string, item: string): string;
  readonly panelHeading: string;
  readonly viewImages: string;
  moreResults(count: number): string;
  acceptSuggestion(institution: string, date: string, own: boolean): string;
  acceptPanelSuggestion(analytes: readonly string[]): string;
  deleteOrder(item: string): string;
  recordResult(item: string, institution: string, date: string): string;
  readonly openApp: string;
  /** The HIS popup (plain text): one analyte's value, and what the doctor does next. */
  hisValue(name: string, value: string, unit: string | null, range: string | null, flag: string | null): string;
  readonly hisNextStep: string;
  readonly hisPanelNextStep: string;
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
    /** A time column's header with the zone's offset (the cells hold local times Excel reads as dates). */
    timeColumn(name: string, offset: string): string;
    readonly report: {
      readonly title: (month: string, hospital: string) => string;
      readonly totals: string;
      readonly totalRows: Record<
        | 'prompts'
        | 'orders'
        | 'eligible'
        | 'accepted'
        | 'rate'
        | 'overridden'
        | 'notCounted'
        | 'noDecision'
        | 'unexplained'
        | 'yuanSaved',
        string
      >;
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
      readonly scopeRows: Record<
        'prompts' | 'orders' | 'accepted' | 'overridden' | 'noDecision' | 'unexplained' | 'yuanSaved',
        string
      >;
      readonly recognisedItems: string;
      recognisedItemRows(
        count: number,
        city: number,
        province: number,
      ): readonly (readonly [string, string | number])[];
      readonly repeats: string;
      readonly repeatRows: Record<'orders' | 'patients' | 'patientsWithMoreThanOne', string>;
      readonly repeatColumns: readonly string[];
      readonly exceptions: string;
      readonly exceptionRows: Record<'overridden' | 'informed' | 'informedShare' | 'explanationMissing', string>;
    };
    /** Codes as words in the exports (11.9): what the screen shows, never the code. */
    readonly scopes: Record<'external' | 'in-hospital' | 'emergency', string>;
    readonly modalities: Readonly<Record<string, string>>;
    readonly sources: Record<'cds-feedback' | 'smart-app' | 'his-popup', string>;
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
  /** The development SMART authorization server's page when it refuses a launch (a doctor may see it). */
  readonly authorizationRefused: {
    readonly title: string;
    readonly reasons: Record<'launch' | 'request', string>;
    readonly technical: string;
  };
  /** order-sign, for an order prompted at order-select and still undecided. */
  /** At signing, an order prompted before and still undecided: worded from what the prompt was (never a false threat). */
  signReminderSummary(item: string, kind: SignReminderKind): string;
  readonly signReminderNote: Record<SignReminderKind, string>;
  /** A registry row naming what the registry does not have. */
  readonly registryUnknown: {
    region(code: string): string;
    alliance(id: string): string;
    institution(id: string): string;
    item(code: string): string;
  };
  /** The header of the province's hospital ranking CSV (GET /api/platform/figures.csv), one per column. */
  readonly provinceCsvHeader: readonly string[];
  /** Why a row of an uploaded code-mapping CSV was refused. */
  readonly mappingRefusals: {
    notCsv(detail: string): string;
    readonly header: string;
    readonly emptyCode: string;
    tooLong(column: 'localCode' | 'localName' | 'itemCode' | 'system', max: number): string;
    duplicate(code: string): string;
    /** The row names a code system the hospital has not registered. */
    unknownSystem(system: string, registered: readonly string[]): string;
    /** The hospital has no local code system at all: the platform registers them. */
    readonly noSystem: string;
    unknownItem(code: string): string;
    readonly emptyItem: string;
  };
}
