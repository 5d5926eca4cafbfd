import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useQualityMessages } from './i18n/messages';

/** How every figure is counted (server/quality/statistics.ts), so the department can defend its numbers. */
export function Definitions() {
  const { messages } = useQualityMessages();
  const t = messages.quality.definitions;
  return (
    // The accordion wraps its button in a heading of its own: an h2, as the page's other parts.
    <Accordion disableGutters variant="outlined" slotProps={{ heading: { component: 'h2' } }} sx={{ mb: 4 }}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography component="span" variant="subtitle1" sx={{ fontWeight: 600 }}>
          {t.heading}
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Typography component="ul" variant="body2" sx={{ m: 0, pl: 3 }}>
          {[...t.items, ...messages.quality.policy.definitions].map((item) => (
            <li key={item}>{item}</li>
          ))}
        </Typography>
      </AccordionDetails>
    </Accordion>
  );
}
