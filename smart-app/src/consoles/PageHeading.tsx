import Typography from '@mui/material/Typography';

/** A console page's one h1 and, under it, what the page is for. */
export function PageHeading({ heading, intro }: { readonly heading: string; readonly intro: string }) {
  return (
    <>
      <Typography component="h1" variant="h5" gutterBottom>
        {heading}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2, maxWidth: '80ch' }}>
        {intro}
      </Typography>
    </>
  );
}
