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
import { ageInYears } from '../app/age';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { Loading } from '../app/Loading';
import { ProblemAlert } from '../app/ProblemScreen';
import { problemOf, type Problem } from '../app/problems';
import type { ExceptionReason, PromptView } from '../decisions/model';
import { promptApi } from '../decisions/prompt-api';
import { catalogFor, DAYJS_LOCALES, useLanguage, type Language } from '../i18n/language';
import type { CardIdentity, PatientSummary } from '../launch/smart';

/** What the doctor decided, as far as it is known when the sheet is printed. */
export interface SheetContent {
  readonly reason: ExceptionReason | null;
  readonly explanation: string;
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
      '@page': { size: 'A4', margin: '18mm' },
    }}
  />
);

/** The patient notification sheet (患者知情告知书), in Chinese unless another language is chosen for it. */
export function NotificationSheet({ open, onClose, card, view, content, patient }: NotificationSheetProps) {
  const { language: screenLanguage, messages } = useLanguage();
  const [language, setLanguage] = useState<Language>('zh-CN');
  const [translated, setTranslated] = useState<{ language: Language; view: PromptView } | { language: Language; problem: Problem } | null>(null);
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

  const sheetView = language === screenLanguage ? view : translated?.language === language && 'view' in translated ? translated.view : null;
  const problem = language !== screenLanguage && translated?.language === language && 'problem' in translated ? translated.problem : null;

  return (
    <Dialog open={open} onClose={onClose} fullScreen className={SHEET_CLASS} aria-labelledby={titleId}>
      {printStyles}
      <Toolbar className={NO_PRINT_CLASS} sx={{ gap: 2, borderBottom: 1, borderColor: 'divider' }}>
        <LanguageSwitch value={language} onChange={setLanguage} label={messages.sheet.language} />
        <Box sx={{ flexGrow: 1 }} />
        <Button variant="contained" startIcon={<PrintIcon />} disabled={!sheetView} onClick={() => window.print()}>
          {messages.sheet.print}
        </Button>
        <Button startIcon={<CloseIcon />} onClick={onClose}>
          {messages.sheet.close}
        </Button>
      </Toolbar>
      <Box sx={{ p: 4, maxWidth: '180mm', mx: 'auto', width: '100%' }}>
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

interface SheetTextProps {
  readonly titleId: string;
  readonly language: Language;
  readonly view: PromptView;
  readonly content: SheetContent;
  readonly patient: PatientSummary | null;
}

function SheetText({ titleId, language, view, content, patient }: SheetTextProps) {
  const messages = catalogFor(language);
  const t = messages.sheet;
  const today = dayjs();
  const age = ageInYears(patient?.birthDate ?? null, today);
  const reason = view.exceptionReasons.find((candidate) => candidate.code === content.reason);
  const line = { borderBottom: 1, borderColor: 'text.primary', minWidth: '8em', display: 'inline-block', px: 1 };
  const facts: readonly (readonly [string, string])[] = [
    [t.patientName, patient?.name ?? ''],
    [t.gender, patient?.gender ? messages.prompt.genders[patient.gender] : ''],
    [t.age, age === null ? '' : messages.prompt.ageYears(age)],
    [t.department, view.prompt.department ?? ''],
  ];
  return (
    <Box component="article" lang={language} sx={{ fontSize: '11pt', lineHeight: 1.8, color: 'common.black' }}>
      <Typography component="p" align="center" variant="subtitle1">
        {view.hospital.name}
      </Typography>
      <Typography id={titleId} component="h2" variant="h5" align="center" sx={{ fontWeight: 700 }}>
        {t.title}
      </Typography>
      <Typography align="center" variant="body2" sx={{ mb: 3 }}>
        {t.subtitle}
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 4, rowGap: 1, mb: 2 }}>
        {facts.map(([label, value]) => (
          <span key={label}>
            {label}
            <Box component="span" sx={line}>
              {value}
            </Box>
          </span>
        ))}
      </Box>
      <Typography sx={{ mb: 1 }}>
        {t.item}
        <strong>{view.item.name}</strong>
      </Typography>
      <Typography>{t.existingResults}</Typography>
      <Box component="ul" sx={{ mt: 0 }}>
        {view.recognisable.map((result) => (
          <li key={result.resultId}>{t.resultLine(result.institution.name, result.resultDate)}</li>
        ))}
      </Box>
      <Typography>{t.decision}</Typography>
      <Box component="dl" sx={{ ml: 2, '& dt': { fontWeight: 700 }, '& dd': { ml: 2, mb: 1 } }}>
        <dt>{t.reason}</dt>
        <dd>
          <Box component="span" sx={line}>
            {reason?.text ?? ''}
          </Box>
        </dd>
        <dt>{t.explanation}</dt>
        <dd>
          <Box component="span" sx={{ ...line, minWidth: '20em' }}>
            {content.explanation.trim()}
          </Box>
        </dd>
      </Box>
      <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 700 }}>
        {t.purposeHeading}
      </Typography>
      <Typography sx={{ mb: 3 }}>{t.purpose}</Typography>
      <Typography sx={{ mb: 4 }}>{t.acknowledgement}</Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', rowGap: 4, columnGap: 4 }}>
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
            {today.locale(DAYJS_LOCALES[language]).format(t.dateFormat)}
          </Box>
        </span>
      </Box>
    </Box>
  );
}
