import Typography from '@mui/material/Typography';
import { useLanguage } from '../i18n/language';

export function NotFoundPage() {
  const { messages } = useLanguage();
  return (
    <>
      <Typography component="h1" variant="h5" gutterBottom>
        {messages.app.notFoundTitle}
      </Typography>
      <Typography>{messages.app.notFoundText}</Typography>
    </>
  );
}
