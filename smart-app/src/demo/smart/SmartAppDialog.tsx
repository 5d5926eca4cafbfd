import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import type { Theme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useDemoMessages } from '../i18n/messages';

/**
 * The SMART app inside the workstation, in a frame, as EHRs embed apps. Same origin, so the app's
 * frame-ancestors 'self' allows it; the launch completes in the frame (fhirclient's completeInTarget).
 */
export function SmartAppDialog({ url, onClose }: { readonly url: string | null; readonly onClose: () => void }) {
  const messages = useDemoMessages();
  // A phone-width or zoomed screen gives the app the whole screen, as an EHR's side panel would.
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'), { noSsr: true });
  return (
    <Dialog
      open={url !== null}
      onClose={onClose}
      fullScreen={narrow}
      fullWidth
      maxWidth="lg"
      slotProps={{ paper: { sx: { height: '90vh' } } }}
    >
      <DialogTitle>{messages.smart.title}</DialogTitle>
      <DialogContent dividers sx={{ p: 0, display: 'flex' }}>
        {url && <iframe title={messages.smart.frame} src={url} style={{ border: 0, flexGrow: 1, width: '100%' }} />}
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose}>
          {messages.smart.close}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
