import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useDemoMessages } from '../i18n/messages';
import type { DraftOrder, OrderStatus } from './orders';

const STATUS_COLOURS: Record<OrderStatus, 'default' | 'primary' | 'success'> = {
  draft: 'primary',
  accepted: 'success',
  removed: 'default',
  signed: 'default',
};

/** The encounter's orders with their state, and the signature. */
export function OrderList({
  orders,
  signing,
  onRemove,
  onSign,
}: {
  readonly orders: readonly DraftOrder[];
  readonly signing: boolean;
  readonly onRemove: (orderId: string) => void;
  readonly onSign: () => void;
}) {
  const messages = useDemoMessages();
  const { columns, statuses } = messages.orders;
  const unsigned = orders.filter((order) => order.status === 'draft').length;
  return (
    <section aria-label={messages.orders.listHeading}>
      <Typography component="h2" variant="h6" sx={{ mt: 2 }}>
        {messages.orders.listHeading}
      </Typography>
      {orders.length === 0 ? (
        <Typography color="text.secondary">{messages.orders.empty}</Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{columns.item}</TableCell>
              <TableCell>{columns.code}</TableCell>
              <TableCell>{columns.status}</TableCell>
              <TableCell align="right">{columns.actions}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {orders.map((order) => (
              <TableRow
                key={order.id}
                sx={
                  order.status === 'removed'
                    ? { '& td': { color: 'text.disabled', textDecoration: 'line-through' } }
                    : undefined
                }
              >
                <TableCell>{order.coding.display}</TableCell>
                <TableCell>
                  {order.local
                    ? messages.orders.localCode(order.coding.code)
                    : messages.orders.regionalCode(order.coding.code)}
                </TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    variant="outlined"
                    color={STATUS_COLOURS[order.status]}
                    label={statuses[order.status]}
                  />
                </TableCell>
                <TableCell align="right">
                  {order.status === 'draft' && (
                    <IconButton
                      size="small"
                      aria-label={messages.orders.remove(order.coding.display)}
                      onClick={() => onRemove(order.id)}
                    >
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Stack direction="row" spacing={2} sx={{ mt: 1, alignItems: 'center' }}>
        <Button
          variant="contained"
          disabled={unsigned === 0 || signing}
          onClick={onSign}
          sx={{ flexShrink: 0, whiteSpace: 'nowrap' }}
        >
          {signing ? messages.orders.signing : messages.orders.sign}
        </Button>
        <Typography variant="body2" color="text.secondary">
          {messages.orders.signHelp}
        </Typography>
      </Stack>
    </section>
  );
}
