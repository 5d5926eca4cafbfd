import Box from '@mui/material/Box';

/**
 * Technical text (a server's message, a resource id, an HTTP status) kept out of the doctor's way:
 * folded behind a toggle, there for whoever supports them, never in place of the words that matter.
 */
export function TechnicalDetail({ label, detail }: { readonly label: string; readonly detail: string | null }) {
  if (!detail) return null;
  return (
    <Box
      component="details"
      sx={{ mt: 0.5, typography: 'caption', '& > summary': { cursor: 'pointer', width: 'fit-content' } }}
    >
      <summary>{label}</summary>
      <Box component="code" sx={{ display: 'block', wordBreak: 'break-word', whiteSpace: 'pre-wrap' }}>
        {detail}
      </Box>
    </Box>
  );
}
