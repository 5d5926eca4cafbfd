import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useLanguage } from '../i18n/language';
import type { ExcludedResult } from './model';

/** Results the rules did not let through, closed by default: they answer "why not that one?", on demand. */
export function ExcludedResults({ excluded }: { readonly excluded: readonly ExcludedResult[] }) {
  const { messages } = useLanguage();
  if (excluded.length === 0) return null;
  return (
    <Accordion
      variant="outlined"
      disableGutters
      slotProps={{ heading: { component: 'h2' }, transition: { unmountOnExit: true } }}
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography component="span" variant="subtitle1">
          {messages.excluded.heading(excluded.length)}
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        {excluded.map((result) => (
          <Box
            key={result.resultId}
            component="section"
            sx={{ '& + &': { mt: 2, pt: 2, borderTop: 1, borderColor: 'divider' } }}
          >
            <Typography component="h3" variant="subtitle2">
              {messages.excluded.title(result.institution.name, result.institution.levelText, result.report.title)}
            </Typography>
            <Typography variant="body2">{messages.result.date(result.resultDate, result.ageDays)}</Typography>
            <Typography variant="body2" component="p" sx={{ mt: 0.5 }}>
              {messages.excluded.reasons}
            </Typography>
            <Box component="ul" sx={{ mt: 0, mb: 0, pl: 3 }}>
              {result.reasons.map((reason) => (
                <li key={reason.code}>
                  <Typography variant="body2">{reason.text}</Typography>
                </li>
              ))}
            </Box>
          </Box>
        ))}
      </AccordionDetails>
    </Accordion>
  );
}
