import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import type { CardCoding } from '../cds/cards';
import { useDemoMessages } from '../i18n/messages';

/** The card's override reasons as a choice, with the doctor's comment: sent as `overridden` feedback. */
export function OverrideForm({
  reasons,
  busy,
  onSubmit,
  onCancel,
}: {
  readonly reasons: readonly CardCoding[];
  readonly busy: boolean;
  readonly onSubmit: (reason: CardCoding, comment: string | null) => void;
  readonly onCancel: () => void;
}) {
  const messages = useDemoMessages();
  const headingId = useId();
  const [code, setCode] = useState('');
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const reason = reasons.find((candidate) => candidate.code === code);
  return (
    <Stack
      component="form"
      role="region"
      aria-labelledby={headingId}
      spacing={1.5}
      sx={{ mt: 1, p: 1.5, bgcolor: 'action.hover', borderRadius: 1 }}
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (reason) onSubmit(reason, comment.trim() || null);
      }}
    >
      <Typography id={headingId} variant="subtitle2">
        {messages.cards.overrideHeading}
      </Typography>
      <TextField
        select
        size="small"
        label={messages.cards.reason}
        value={code}
        error={tried && !reason}
        helperText={tried && !reason ? messages.cards.chooseReason : undefined}
        onChange={(event) => setCode(event.target.value)}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      >
        <option value="">{messages.cards.chooseReason}</option>
        {reasons.map((option) => (
          <option key={`${option.system}|${option.code}`} value={option.code}>
            {option.display ?? option.code}
          </option>
        ))}
      </TextField>
      <TextField
        size="small"
        label={messages.cards.comment}
        helperText={messages.cards.commentHelp}
        multiline
        minRows={2}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        slotProps={{ htmlInput: { maxLength: 2000 } }}
      />
      <Stack direction="row" spacing={1}>
        <Button type="submit" variant="contained" color="warning" disabled={busy}>
          {busy ? messages.cards.sending : messages.cards.submitOverride}
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          {messages.cards.cancel}
        </Button>
      </Stack>
    </Stack>
  );
}
