import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import { useLanguage } from '../i18n/language';
import type { PromptView, RecognisableResult } from './model';
import { ReportView } from './ReportView';

interface ResultCardProps {
  readonly result: RecognisableResult;
  readonly item: PromptView['item'];
  readonly localTestSystem: PromptView['localTestSystem'];
  readonly markRequired: boolean;
  /** The best result: its button is the one to press, and has the focus when the page opens. */
  readonly primary: boolean;
  readonly disabled: boolean;
  readonly onAccept: (resultId: string) => void;
}

const METHOD_DIFFERS = 'method.differs';

/** One recognisable external result, with the button that accepts it first in the card. */
export function ResultCard({
  result,
  item,
  localTestSystem,
  markRequired,
  primary,
  disabled,
  onAccept,
}: ResultCardProps) {
  const { messages } = useLanguage();
  const text = messages.result;
  const headingId = useId();
  return (
    <Card
      variant="outlined"
      component="article"
      aria-labelledby={headingId}
      sx={primary ? { borderColor: 'primary.main', borderWidth: 2 } : undefined}
    >
      <CardContent>
        {/* Side by side where there is room; in a narrow side panel the button goes under the facts. */}
        <Stack
          direction={{ xs: 'column', sm: 'row' }}
          spacing={{ xs: 1, sm: 2 }}
          sx={{ alignItems: { xs: 'stretch', sm: 'flex-start' }, justifyContent: 'space-between' }}
        >
          <Box>
            <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography id={headingId} variant="h6" component="h3">
                {result.institution.name}
              </Typography>
              {result.institution.levelText ? <Chip size="small" label={result.institution.levelText} /> : null}
              {/* The ordering hospital's own result: labelled 本院, and a mark means nothing between a hospital and itself. */}
              {/* A missing mark is said only where the region requires one: elsewhere it is no defect. */}
              {result.own ? (
                <Chip size="small" color="primary" label={messages.prompt.own} />
              ) : result.mark ? (
                <Chip size="small" color="success" label={text.mark(result.mark)} />
              ) : markRequired ? (
                <Chip size="small" variant="outlined" label={text.noMark} />
              ) : null}
            </Stack>
            <Typography>{text.date(result.resultDate, result.ageDays)}</Typography>
            <Typography color={result.daysLeft <= 1 ? 'warning.main' : 'text.secondary'}>
              {text.daysLeft(result.daysLeft, result.lastDay)}
            </Typography>
          </Box>
          <Button
            variant={primary ? 'contained' : 'outlined'}
            size="large"
            autoFocus={primary}
            disabled={disabled}
            aria-label={text.acceptLabel(result.institution.name, result.resultDate)}
            onClick={() => onAccept(result.resultId)}
            sx={{ flexShrink: 0 }}
          >
            {text.accept}
          </Button>
        </Stack>
        {item.methodRelevant ? (
          <Typography sx={{ mt: 1 }}>
            {text.testSystem(result.testSystem.method ?? text.notStated, result.testSystem.brand ?? text.notStated)}
          </Typography>
        ) : null}
        {result.warnings.map((warning) => (
          <Alert key={warning.code} severity="warning" sx={{ mt: 1 }}>
            {warning.text}
            {warning.code === METHOD_DIFFERS && localTestSystem ? (
              <Typography component="span" sx={{ display: 'block' }}>
                {text.ours(localTestSystem.method ?? text.notStated, localTestSystem.brand ?? text.notStated)}
              </Typography>
            ) : null}
          </Alert>
        ))}
        <ReportView report={result.report} />
      </CardContent>
    </Card>
  );
}
