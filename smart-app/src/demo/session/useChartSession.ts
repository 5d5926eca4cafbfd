import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  DemoHospital,
  DemoServiceId,
  Orderable,
  WorkstationSetup,
} from '../../../../server/contract/demo-workstation';
import { useLanguage } from '../../i18n/language';
import { ordersDeletedBy, type CardCoding, type CardLink, type CardSuggestion } from '../cds/cards';
import { callService, sendFeedback } from '../cds/client';
import { orderSelect, orderSign, patientView, type HookCall, type HookSession } from '../cds/requests';
import { loadRecord, openChart, saveSignedOrders, type Chart, type RecordReport } from '../ehr/fhir';
import { detailOf } from '../http/fetch-json';
import { newOrder, orderRef, serviceRequest, type DraftOrder, type OrderStatus } from '../orders/orders';
import { loadPromptStatus, readRecords, type OrderRecord, type PromptStatus } from '../signing/recorded';
import { smartLaunchUrl } from '../smart/launch';
import { useMirroredState } from './mirrored-state';
import { shownCard, type CardResolution, type ShownCard } from './shown-card';

/** Who sees which patient where: one encounter. The session is remounted when any of it changes. */
export interface Encounter {
  readonly hospital: DemoHospital;
  readonly doctorId: string;
  readonly patientKey: string;
  readonly emergency: boolean;
}

export type ChartState =
  | { readonly state: 'opening' }
  | { readonly state: 'open'; readonly chart: Chart }
  | { readonly state: 'failed'; readonly detail: string };
export type RecordState = { readonly reports: readonly RecordReport[]; readonly problem: string | null };
export type SummaryState =
  { readonly state: 'loading' } | { readonly state: 'ready'; readonly records: readonly OrderRecord[] };
export interface HookProblem {
  readonly service: DemoServiceId;
  readonly detail: string;
}

/**
 * One encounter at the workstation, as an EHR runs it: open the chart (patient-view), order
 * (order-select per order), act on cards (feedback, SMART app), sign (order-sign), and read back what
 * Huren recorded.
 */
export function useChartSession(setup: WorkstationSetup, encounter: Encounter) {
  const { language } = useLanguage();
  const { hospital, doctorId, patientKey, emergency } = encounter;
  const [chart, setChart] = useState<ChartState>({ state: 'opening' });
  const [orders, ordersRef, updateOrders] = useMirroredState<readonly DraftOrder[]>([]);
  const [cards, cardsRef, updateCards] = useMirroredState<readonly ShownCard[]>([]);
  const [pending, setPending] = useState(0);
  const [problems, setProblems] = useState<readonly HookProblem[]>([]);
  const [record, setRecord] = useState<RecordState>({ reports: [], problem: null });
  const [signing, setSigning] = useState(false);
  /** order-sign answered cards: the EHR has not committed yet, and waits for the doctor's word. */
  const [signReview, setSignReview] = useState(false);
  const [summary, setSummary] = useState<SummaryState | null>(null);
  const [smart, setSmart] = useState<{ readonly url: string; readonly cardKey: string } | null>(null);
  /** Orders signed while order-sign could not reach Huren: their summary must say "unknown", not "none". */
  const signUnreached = useRef<ReadonlySet<string>>(new Set());

  const hookSession = (open: Chart): HookSession => ({
    chart: open,
    patientKey,
    doctorId,
    fhirServer: setup.fhirServer,
  });

  /** A hook call whose cards join the panel; a failure only means no cards, as in any EHR. Answers whether Huren answered. */
  const runHook = useCallback(
    /** The number of cards the service answered; null when it could not be reached. */
    async (call: HookCall, selectedOrderId: string | null): Promise<number | null> => {
      setPending((count) => count + 1);
      try {
        const answered = await callService(hospital.id, call, language);
        updateCards((current) => [
          ...current,
          ...answered.map((card) => shownCard(card, call.service, selectedOrderId)),
        ]);
        return answered.length;
      } catch (error) {
        setProblems((current) => [...current, { service: call.service, detail: detailOf(error) }]);
        return null;
      } finally {
        setPending((count) => count - 1);
      }
    },
    [hospital.id, language, updateCards],
  );

  const refreshRecord = useCallback(async () => {
    try {
      setRecord({ reports: await loadRecord(patientKey), problem: null });
    } catch (error) {
      setRecord((current) => ({ ...current, problem: detailOf(error) }));
    }
  }, [patientKey]);

  // Opening the chart: read the patient, encounter and doctor from the EHR's FHIR server, then patient-view.
  useEffect(() => {
    let live = true;
    openChart(patientKey, doctorId, emergency).then(
      (open) => {
        if (!live) return;
        setChart({ state: 'open', chart: open });
        void runHook(patientView(hookSession(open)), null);
      },
      (error: unknown) => live && setChart({ state: 'failed', detail: detailOf(error) }),
    );
    void refreshRecord();
    return () => {
      live = false;
    };
    // The session is remounted for another encounter; the language of later calls may change freely.
  }, []);

  const setOrderStatus = (refs: readonly string[], from: OrderStatus, to: OrderStatus) =>
    updateOrders((current) =>
      current.map((order) =>
        order.status === from && refs.includes(orderRef(order)) ? { ...order, status: to } : order,
      ),
    );
  const patchCard = (key: string, patch: Partial<ShownCard>) =>
    updateCards((current) => current.map((shown) => (shown.key === key ? { ...shown, ...patch } : shown)));
  const drafts = () => ordersRef.current.filter((order) => order.status === 'draft');

  const addOrder = (orderable: Orderable) => {
    if (chart.state !== 'open') return;
    const order = newOrder(orderable, hospital, setup.regionalCodeSystem);
    updateOrders((current) => [...current, order]);
    void runHook(orderSelect(hookSession(chart.chart), order, drafts()), order.id);
  };

  const removeOrder = (orderId: string) => setOrderStatus([`ServiceRequest/${orderId}`], 'draft', 'removed');

  /** Feedback first: the card changes only once Huren has the decision on disk. */
  const giveFeedback = async (
    shown: ShownCard,
    send: () => Promise<void>,
    resolution: CardResolution,
    after: () => void,
  ) => {
    patchCard(shown.key, { busy: true, problem: null });
    try {
      await send();
      after();
      patchCard(shown.key, { busy: false, resolution });
    } catch (error) {
      patchCard(shown.key, { busy: false, problem: detailOf(error) });
    }
  };

  const acceptSuggestion = (shown: ShownCard, suggestion: CardSuggestion) => {
    const { uuid } = shown.card;
    const suggestionId = suggestion.uuid;
    const send =
      uuid && suggestionId
        ? () => sendFeedback(hospital.id, shown.service, uuid, { outcome: 'accepted', suggestionId })
        : async () => undefined;
    void giveFeedback(shown, send, { kind: 'accepted', label: suggestion.label }, () =>
      setOrderStatus(ordersDeletedBy(suggestion), 'draft', 'accepted'),
    );
  };

  const overrideCard = (shown: ShownCard, reason: CardCoding | null, comment: string | null) => {
    const { uuid } = shown.card;
    const send = uuid
      ? () => sendFeedback(hospital.id, shown.service, uuid, { outcome: 'overridden', reason, comment })
      : async () => undefined;
    void giveFeedback(
      shown,
      send,
      { kind: 'overridden', reason: reason?.display ?? reason?.code ?? null, comment },
      () => undefined,
    );
  };

  const openSmartApp = async (shown: ShownCard, link: CardLink) => {
    if (chart.state !== 'open' || !link.appContext) return;
    patchCard(shown.key, { busy: true, problem: null });
    try {
      const url = await smartLaunchUrl({
        patientId: patientKey,
        practitionerId: doctorId,
        encounterId: chart.chart.encounter.id,
        appContext: link.appContext,
      });
      setSmart({ url, cardKey: shown.key });
      patchCard(shown.key, { busy: false });
    } catch (error) {
      patchCard(shown.key, { busy: false, problem: detailOf(error) });
    }
  };

  const refreshSummary = useCallback(async () => {
    setSummary({ state: 'loading' });
    setSummary({
      state: 'ready',
      records: await readRecords(cardsRef.current, ordersRef.current, language, signUnreached.current),
    });
  }, [cardsRef, ordersRef, language]);

  /** After the SMART app: what did the doctor decide there? The record may have a new report too. */
  const closeSmartApp = async () => {
    const shown = cardsRef.current.find((candidate) => candidate.key === smart?.cardKey);
    setSmart(null);
    void refreshRecord();
    if (!shown?.identity) return;
    let status: PromptStatus;
    try {
      status = await loadPromptStatus(shown.identity, language);
    } catch {
      return;
    }
    const decision = status.decision;
    if (decision && decision.outcome !== 'withdrawn') {
      if (decision.outcome === 'accepted' && status.prompt.orderRef)
        setOrderStatus([status.prompt.orderRef], 'draft', 'accepted');
      if (!shown.resolution || decision.source === 'smart-app')
        patchCard(shown.key, { resolution: { kind: 'decided-in-app', outcome: decision.outcome } });
    }
    if (summary) void refreshSummary();
  };

  /**
   * Signing as an EHR does it: order-sign is called before the orders are committed. With cards, the
   * orders wait (签署前) until the doctor either signs anyway or goes back to handle them; without,
   * they are signed at once. Decision support advises; it never blocks the signature, even when the
   * service cannot be reached.
   */
  const sign = async () => {
    const toSign = drafts();
    if (chart.state !== 'open' || toSign.length === 0) return;
    setSigning(true);
    const answered = await runHook(orderSign(hookSession(chart.chart), toSign), null);
    if (answered === null)
      signUnreached.current = new Set([...signUnreached.current, ...toSign.map((order) => order.id)]);
    if (answered !== null && answered > 0) {
      setSignReview(true);
      setSigning(false);
      return;
    }
    await commitSignature(toSign);
  };

  /** 仍要签署: the orders still to sign (one accepted on a sign-time card has dropped out) are committed. */
  const signAnyway = async () => {
    setSignReview(false);
    const toSign = drafts();
    if (toSign.length === 0) return;
    setSigning(true);
    await commitSignature(toSign);
  };

  /** 返回处理: nothing is signed; the cards stay to act on, and signing can be asked again. */
  const backToOrders = () => setSignReview(false);

  const commitSignature = async (toSign: DraftOrder[]) => {
    if (chart.state !== 'open') return;
    setOrderStatus(toSign.map(orderRef), 'draft', 'signed');
    const context = { patientKey, encounterId: chart.chart.encounter.id, doctorId };
    try {
      await saveSignedOrders(toSign.map((order) => serviceRequest({ ...order, status: 'signed' }, context)));
    } catch (error) {
      setRecord((current) => ({ ...current, problem: detailOf(error) }));
    }
    setSigning(false);
    await refreshSummary();
  };

  return {
    chart,
    orders,
    cards,
    pending,
    problems,
    record,
    signing,
    signReview,
    summary,
    smart,
    addOrder,
    removeOrder,
    acceptSuggestion,
    overrideCard,
    openSmartApp,
    closeSmartApp,
    sign,
    signAnyway,
    backToOrders,
    refreshRecord,
    refreshSummary,
  };
}
