import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { WorkstationSetup } from '../../../server/contract/demo-workstation';
import { CardPanel } from './cards/CardPanel';
import { PatientBanner } from './context/PatientBanner';
import { useDemoMessages } from './i18n/messages';
import { OrderEntry } from './orders/OrderEntry';
import { OrderList } from './orders/OrderList';
import { PatientRecord } from './record/PatientRecord';
import { useChartSession, type Encounter } from './session/useChartSession';
import { SigningSummary } from './signing/SigningSummary';
import { SmartAppDialog } from './smart/SmartAppDialog';

/** One open chart: banner, order entry and orders, the record, the cards, and the SMART app when launched. */
export function EncounterView({
  setup,
  encounter,
}: {
  readonly setup: WorkstationSetup;
  readonly encounter: Encounter;
}) {
  const messages = useDemoMessages();
  const session = useChartSession(setup, encounter);
  const patient = setup.patients.find((candidate) => candidate.key === encounter.patientKey);
  const doctor = encounter.hospital.doctors.find((candidate) => candidate.id === encounter.doctorId);
  if (!patient) return null;
  return (
    <>
      <PatientBanner
        patient={patient}
        hospital={encounter.hospital}
        doctor={doctor}
        emergency={encounter.emergency}
        chart={session.chart}
      />
      <Grid container spacing={2} sx={{ mt: 0 }}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Typography component="h2" variant="h6" sx={{ mb: 1.5 }}>
              {messages.orders.heading}
            </Typography>
            <OrderEntry
              hospital={encounter.hospital}
              catalog={setup.catalog}
              disabled={session.chart.state !== 'open' || session.signing}
              onOrder={session.addOrder}
            />
            <OrderList
              orders={session.orders}
              signing={session.signing}
              onRemove={session.removeOrder}
              onSign={() => void session.sign()}
            />
            {session.signReview ? (
              <Alert
                severity="warning"
                sx={{ mt: 1 }}
                action={
                  <Stack direction="row" spacing={1}>
                    <Button color="inherit" size="small" onClick={() => void session.signAnyway()}>
                      {messages.orders.signAnyway}
                    </Button>
                    <Button color="inherit" size="small" variant="outlined" onClick={session.backToOrders}>
                      {messages.orders.backToOrders}
                    </Button>
                  </Stack>
                }
              >
                {messages.orders.signReview}
              </Alert>
            ) : null}
          </Paper>
          {session.summary && (
            <SigningSummary summary={session.summary} onRefresh={() => void session.refreshSummary()} />
          )}
          <PatientRecord record={session.record} onRefresh={() => void session.refreshRecord()} />
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <CardPanel
            cards={session.cards}
            orders={session.orders}
            pending={session.pending}
            problems={session.problems}
            actionsFor={(shown) => ({
              onAccept: (suggestion) => session.acceptSuggestion(shown, suggestion),
              onOverride: (reason, comment) => session.overrideCard(shown, reason, comment),
              onOpenSmart: (link) => void session.openSmartApp(shown, link),
            })}
          />
        </Grid>
      </Grid>
      <SmartAppDialog url={session.smart?.url ?? null} onClose={() => void session.closeSmartApp()} />
    </>
  );
}
