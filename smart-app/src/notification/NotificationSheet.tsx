import CloseIcon from '@mui/icons-material/Close';
import PrintIcon from '@mui/icons-material/Print';
import { backdropClasses } from '@mui/material/Backdrop';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog, { dialogClasses } from '@mui/material/Dialog';
import GlobalStyles from '@mui/material/GlobalStyles';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import dayjs from 'dayjs';
import { useEffect, useId, useState } from 'react';
import type { Report } from '../../../server/contract/report';
import { typesetUnit } from '../../../server/contract/units';
import { ageInYears } from '../shared/age';
import { LanguageSwitch } from '../shared/LanguageSwitch';
import { Loading } from '../shared/Loading';
import { ProblemAlert } from '../shared/ProblemScreen';
import { problemOf, type Problem } from '../shared/problems';
import {
  originOf,
  type DecisionView,
  type ExceptionReason,
  type NotificationMethod,
  type NotifiedParty,
  type PromptView,
} from '../decisions/model';
import type { ExceptionValues } from '../decisions/exception-input';
import { promptApi } from '../decisions/prompt-api';
import { flagKind } from '../decisions/ReportView';
import { DAYJS_LOCALES, type Language } from '../i18n/language';
import { sheetCatalogFor, useSheetMessages } from './i18n/messages';
import type { PatientSummary } from '../launch/ehr-reads';
import type { CardIdentity } from '../launch/smart';

/** What the doctor decided and how the patient was told, as far as it is known when the sheet is printed. */
export interface SheetContent {
  readonly reason: ExceptionReason | null;
  readonly explanation: string;
  readonly party: NotifiedParty | null;
  readonly method: NotificationMethod | null;
  /** ISO 8601; null leaves the time to the moment of printing. */
  readonly notifiedAt: string | null;
  readonly notifiedBy: string | null;
}

export const EMPTY_SHEET: SheetContent = {
  reason: null,
  explanation: '',
  party: null,
  method: null,
  notifiedAt: null,
  notifiedBy: null,
};

/** The sheet for the exception form as it stands (the launch user notifies unless another name is typed). */
export function sheetFromForm(values: ExceptionValues, defaultNotifiedBy: string): SheetContent {
  return {
    reason: values.reason,
    explanation: values.explanation,
    party: values.party,
    method: values.method,
    notifiedAt: values.notifiedAt?.isValid() ? values.notifiedAt.format() : null,
    notifiedBy: (values.notifiedBy ?? defaultNotifiedBy).trim() || null,
  };
}

/** The sheet for a recorded override. */
export function sheetFromDecision(decision: DecisionView, reason: ExceptionReason | null): SheetContent {
  const notification = decision.notification;
  return {
    reason,
    explanation: decision.explanation ?? '',
    party: notification?.party ?? null,
    method: notification?.method ?? null,
    notifiedAt: notification?.notifiedAt ?? null,
    notifiedBy: notification?.notifiedBy ?? null,
  };
}

/** 110101********1234: the region and the last four, never the birth date in the middle. */
export function maskedId(id: string): string {
  const value = id.trim();
  if (value.length <= 10) return `${value.slice(0, 1)}${'*'.repeat(Math.max(value.length - 2, 0))}${value.slice(-1)}`;
  return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}

interface NotificationSheetProps {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly card: CardIdentity;
  /** The card in the screen's language; the sheet asks for its own language's texts when they differ. */
  readonly view: PromptView;
  readonly content: SheetContent;
  readonly patient: PatientSummary | null;
}

const SHEET_CLASS = 'huren-notification-sheet';
const NO_PRINT_CLASS = 'huren-no-print';

/** On paper only the sheet: the app behind the dialog, the backdrop and the dialog's buttons stay off. */
const printStyles = (
  <GlobalStyles
    styles={{
      '@media print': {
        [`body > *:not(.${SHEET_CLASS})`]: { display: 'none !important' },
        [`.${SHEET_CLASS}, .${SHEET_CLASS} .${dialogClasses.container}, .${SHEET_CLASS} .${dialogClasses.paper}`]: {
          position: 'static !important',
          overflow: 'visible !important',
          height: 'auto !important',
          maxHeight: 'none !important',
          boxShadow: 'none !important',
        },
        [`.${SHEET_CLASS} .${backdropClasses.root}, .${NO_PRINT_CLASS}`]: { display: 'none !important' },
      },
      '@page': { size: 'A4', margin: '15mm 18mm' },
    }}
  />
);

/** The patient notification sheet (患者知情告知书), in Chinese unless another language is chosen for it. */
export function NotificationSheet({ open, onClose, card, view, content, patient }: NotificationSheetProps) {
  const { language: screenLanguage, messages } = useSheetMessages();
  const [language, setLanguage] = useState<Language>('zh-CN');
  const [translated, setTranslated] = useState<
    { language: Language; view: PromptView } | { language: Language; problem: Problem } | null
  >(null);
  const titleId = useId();

  useEffect(() => {
    if (!open || language === screenLanguage) return;
    let current = true;
    promptApi(card, language)
      .view()
      .then(
        (other) => current && setTranslated({ language, view: other }),
        (error: unknown) => current && setTranslated({ language, problem: problemOf(error) }),
      );
    return () => {
      current = false;
    };
  }, [open, language, screenLanguage, card]);

  const sheetView =
    language === screenLanguage
      ? view
      : translated?.language === language && 'view' in translated
        ? translated.view
        : null;
  const problem =
    language !== screenLanguage && translated?.language === language && 'problem' in translated
      ? translated.problem
      : null;

  return (
    <Dialog open={open} onClose={onClose} fullScreen className={SHEET_CLASS} aria-labelledby={titleId}>
      {printStyles}
      <Toolbar
        className={NO_PRINT_CLASS}
        sx={{
          gap: 2,
          flexWrap: 'wrap',
          borderBottom: 1,
          borderColor: 'divider',
          '& .MuiButton-root': { whiteSpace: 'nowrap' },
        }}
      >
        <LanguageSwitch value={language} onChange={setLanguage} label={messages.sheet.language} />
        <Box sx={{ flexGrow: 1 }} />
        <Button variant="contained" startIcon={<PrintIcon />} disabled={!sheetView} onClick={() => window.print()}>
          {messages.sheet.print}
        </Button>
        <Button startIcon={<CloseIcon />} onClick={onClose}>
          {messages.sheet.close}
        </Button>
      </Toolbar>
      <Box sx={{ p: { xs: 2, sm: 4 }, maxWidth: '180mm', mx: 'auto', width: '100%', boxSizing: 'border-box' }}>
        {problem ? <ProblemAlert problem={problem} /> : null}
        {sheetView ? (
          <SheetText titleId={titleId} language={language} view={sheetView} content={content} patient={patient} />
        ) : problem ? null : (
          <Loading label={messages.sheet.loading} />
        )}
      </Box>
    </Dialog>
  );
}

/** Findings longer than this are cut on paper: the sheet names the result, the app shows it whole. */
const FINDINGS_ON_PAPER = 120;

/** What a result said, in the sheet's words: its values with units (abnormal ones flagged), or its findings. */
function whatItSaid(report: Report, messages: ReturnType<typeof sheetCatalogFor>): string {
  const t = messages.sheet;
  if (report.kind === 'lab')
    return report.values
      .map((value) => {
        const kind = flagKind(value.flag);
        return t.value(
          value.name,
          value.value,
          value.unit ? typesetUnit(value.unit) : null,
          kind && kind !== 'normal' ? messages.report.flags[kind] : null,
        );
      })
      .join(t.valueSeparator);
  if (!report.findings) return '';
  const findings = report.findings.replace(/\s+/g, ' ').trim();
  return t.findings(findings.length > FINDINGS_ON_PAPER ? `${findings.slice(0, FINDINGS_ON_PAPER - 1)}…` : findings);
}

interface SheetTextProps {
  readonly titleId: string;
  readonly language: Language;
  readonly view: PromptView;
  readonly content: SheetContent;
  readonly patient: PatientSummary | null;
}

function SheetText({ titleId, language, view, content, patient }: SheetTextProps) {
  const messages = sheetCatalogFor(language);
  const t = messages.sheet;
  const today = dayjs();
  const age = ageInYears(patient?.birthDate ?? null, today);
  const reason = view.exceptionReasons.find((candidate) => candidate.code === content.reason);
  const when = (content.notifiedAt ? dayjs(content.notifiedAt) : today)
    .locale(DAYJS_LOCALES[language])
    .format(t.dateFormat);
  const line = { borderBottom: 1, borderColor: 'text.primary', minWidth: '8em', display: 'inline-block', px: 1 };
  const record = patient?.recordNumber ?? null;
  const facts: readonly (readonly [string, string])[] = [
    [t.patientName, patient?.name ?? ''],
    [t.gender, patient?.gender ? messages.prompt.genders[patient.gender] : ''],
    [t.age, age === null ? '' : messages.prompt.ageYears(age)],
    [t.department, view.prompt.department ?? ''],
    [t.recordNumbers[record?.kind ?? 'unknown'], record?.value ?? ''],
    [t.idNumber, patient?.nationalId ? maskedId(patient.nationalId) : ''],
  ];
  const notification: readonly (readonly [string, string])[] = [
    [t.notifiedParty, content.party ? messages.exception.parties[content.party] : ''],
    [t.notifiedMethod, content.method ? messages.exception.methods[content.method] : ''],
    [t.notifiedBy, content.notifiedBy ?? ''],
    [t.notifiedAt, when],
  ];
  const labelled = (pairs: readonly (readonly [string, string])[]) => (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 4, rowGap: 0.5, mb: 1.5 }}>
      {pairs.map(([label, value]) => (
        <span key={label}>
          {label}
          <Box component="span" sx={line}>
            {value}
          </Box>
        </span>
      ))}
    </Box>
  );
  return (
    <Box
      component="article"
      lang={language}
      sx={{ fontSize: '11pt', lineHeight: 1.7, color: 'common.black', breakInside: 'avoid' }}
    >
      <Typography component="p" align="center" variant="subtitle1" sx={{ fontWeight: 700 }}>
        {view.hospital.name}
      </Typography>
      <Typography id={titleId} component="h2" variant="h5" align="center" sx={{ fontWeight: 700 }}>
        {t.title}
      </Typography>
      <Typography align="center" variant="body2" sx={{ mb: 2 }}>
        {t.subtitle}
      </Typography>
      {labelled(facts)}
      <Typography sx={{ mb: 1 }}>
        {t.item}
        <strong>{view.item.name}</strong>
      </Typography>
      <Typography>{originOf(view.recognisable) === 'own' ? t.existingOwnResults : t.existingResults}</Typography>
      <Box component="ul" sx={{ mt: 0, mb: 1 }}>
        {view.recognisable.map((result) => (
          <li key={result.resultId}>
            {t.resultLine(result.institution.name, result.resultDate, whatItSaid(result.report, messages))}
            {result.own ? t.ownResult : ''}
          </li>
        ))}
      </Box>
      <Typography>{t.decision}</Typography>
      <Box component="dl" sx={{ ml: 2, my: 1, '& dt': { fontWeight: 700 }, '& dd': { ml: 2, mb: 0.5 } }}>
        <dt>{t.reason}</dt>
        <dd>
          <Box component="span" sx={line}>
            {reason?.text ?? ''}
          </Box>
        </dd>
        <dt>{t.explanation}</dt>
        <dd>
          {/* Wraps inside the page at any width (400 px included): never a line running off it. */}
          <Box
            component="span"
            sx={{ ...line, minWidth: 'min(20em, 100%)', maxWidth: '100%', overflowWrap: 'anywhere' }}
          >
            {content.explanation.trim()}
          </Box>
        </dd>
      </Box>
      <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 700 }}>
        {t.purposeHeading}
      </Typography>
      {/* A repeat the patient asked for is not the doctor's advice: the sheet must not say it is. */}
      <Typography sx={{ mb: 1.5 }}>{content.reason === 'patient-request' ? t.purposeOnRequest : t.purpose}</Typography>
      <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 700 }}>
        {t.notificationHeading}
      </Typography>
      {labelled(notification)}
      <Typography sx={{ mb: 3 }}>{t.acknowledgement}</Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', rowGap: 3, columnGap: 4 }}>
        <span>
          {t.patientSignature}
          <Box component="span" sx={line} />
        </span>
        <span>
          {t.relation}
          <Box component="span" sx={line} />
        </span>
        <span>
          {t.doctorSignature}
          <Box component="span" sx={line} />
        </span>
        <span>
          {t.date}
          <Box component="span" sx={line}>
            {when}
          </Box>
        </span>
      </Box>
    </Box>
  );
}
