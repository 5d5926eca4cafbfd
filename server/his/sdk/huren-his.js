// Huren's browser SDK for browser-based HIS: /his/sdk.js (a classic script, `window.HurenHis`) and
// /his/sdk.mjs (an ES module). It calls the check with a short-lived token the HIS's own server minted
// (POST /his/v1/browser-tokens, signed with the HIS's key, which never reaches the browser), shows the
// prompt in its own dialog (a web component with shadow DOM: the HIS's CSS neither leaks in nor out),
// and emits `decided`, `dismissed` and `error`. docs/his-integration.md shows it in use.
(function () {
  'use strict';
  const BASE = '__HUREN_BASE__';

  const WORDS = {
    'zh-CN': {
      title: '检查检验结果互认提示',
      accept: (result) => `采用${result.own ? '本院' : '外院'}结果（${result.institution.name} ${result.date}）`,
      decline: '不采用，填写理由与患者告知…',
      close: '关闭',
      accepted: '已采用该结果，医嘱可撤销。',
      decided: '已记录决定。',
      declined: '已记录不采用的理由。',
      incomplete: '已记录不采用的理由；尚缺患者告知记录。',
      failed: '未能保存，请重试或在 HIS 中继续。',
      popupBlocked: '浏览器拦截了决定页窗口：请允许本站弹出窗口后重试。',
    },
    en: {
      title: 'Result recognition',
      accept: (result) =>
        `Accept the ${result.own ? 'own' : 'external'} result (${result.institution.name} ${result.date})`,
      decline: 'Do not accept: reason and patient notice…',
      close: 'Close',
      accepted: 'Result accepted; the order can be withdrawn.',
      decided: 'Decision recorded.',
      declined: 'Reason recorded.',
      incomplete: 'Reason recorded; the patient notification is still to be recorded.',
      failed: 'Not saved: try again, or continue in the HIS.',
      popupBlocked: 'The browser blocked the decision window: allow pop-ups for this site and try again.',
    },
  };

  const STYLE = `
    :host { all: initial; }
    dialog { font: 14px/1.5 system-ui, "Microsoft YaHei", sans-serif; color: #1a1a1a; max-width: min(36rem, 94vw);
      border: 1px solid #888; border-radius: 6px; padding: 1rem 1.25rem; }
    dialog::backdrop { background: rgba(0, 0, 0, 0.35); }
    h2 { font-size: 1.1rem; margin: 0 0 0.75rem; }
    h3 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
    p.popup { white-space: pre-wrap; margin: 0.25rem 0 0.5rem; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    button { font: inherit; padding: 0.35rem 0.75rem; border-radius: 4px; border: 1px solid #0b57d0; background: #fff; color: #0b57d0; cursor: pointer; }
    button.primary { background: #0b57d0; color: #fff; }
    button:focus-visible { outline: 3px solid #f5a623; outline-offset: 1px; }
    p.status { color: #1b5e20; margin: 0.25rem 0; }
    footer { margin-top: 1rem; text-align: right; }
  `;

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  /** The prompt: one section per order with something to show, its actions, and a close button. */
  class HurenPrompt extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: 'open' });
    }

    show(answer, words, actions) {
      const shown = answer.orders.filter((order) => order.popupText);
      const sections = shown.map((order, index) => {
        const headingId = `huren-order-${index}`;
        const status = element('p', { class: 'status', role: 'status' });
        const buttons = [];
        const best = order.results[0];
        if ((order.verdict === 'recognisable' || order.verdict === 'inform') && best) {
          const accept = element('button', { type: 'button', class: 'primary', text: words.accept(best) });
          accept.addEventListener('click', () => actions.accept(order, best, status));
          buttons.push(accept);
        }
        if (order.decisionUrl) {
          const decline = element('button', { type: 'button', text: words.decline });
          decline.addEventListener('click', () => actions.decline(order, status));
          buttons.push(decline);
        }
        return element('section', { 'aria-labelledby': headingId }, [
          element('h3', { id: headingId, text: order.item ? order.item.name : order.code }),
          element('p', { class: 'popup', text: order.popupText }),
          element('div', { class: 'actions' }, buttons),
          status,
        ]);
      });
      const close = element('button', { type: 'button', text: words.close });
      const dialog = element('dialog', { 'aria-labelledby': 'huren-title' }, [
        element('h2', { id: 'huren-title', text: words.title }),
        ...sections,
        element('footer', {}, [close]),
      ]);
      close.addEventListener('click', () => dialog.close());
      dialog.addEventListener('close', () => actions.dismissed());
      this.shadowRoot.replaceChildren(element('style', { text: STYLE }), dialog);
      dialog.showModal();
    }
  }
  if (!customElements.get('huren-prompt')) customElements.define('huren-prompt', HurenPrompt);

  /** One HIS session: its token source, language and Huren's address. Emits decided, dismissed, error. */
  class Connection extends EventTarget {
    constructor(options) {
      super();
      if (!options || !options.token)
        throw new Error('HurenHis.connect: a token (string or async function) is required');
      this.tokenSource = options.token;
      this.language = options.language === 'en' ? 'en' : 'zh-CN';
      this.base = (options.base || BASE).replace(/\/$/, '');
      this.cached = null;
    }

    emit(type, detail) {
      this.dispatchEvent(new CustomEvent(type, { detail }));
    }

    async token() {
      if (typeof this.tokenSource === 'string') return this.tokenSource;
      if (this.cached && Date.parse(this.cached.expiresAt) - Date.now() > 30000) return this.cached.token;
      const minted = await this.tokenSource();
      this.cached =
        typeof minted === 'string' ? { token: minted, expiresAt: new Date(Date.now() + 60000).toISOString() } : minted;
      return this.cached.token;
    }

    async call(method, path, body) {
      const response = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await this.token()}`,
          'accept-language': this.language,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const answer = await response.json().catch(() => null);
      if (!response.ok) {
        const error = new Error((answer && answer.error && answer.error.message) || `HTTP ${response.status}`);
        error.status = response.status;
        throw error;
      }
      return answer;
    }

    /** What the doctor did about an order, wherever it was decided (GET /his/v1/decisions). */
    decision(orderId) {
      return this.call('GET', `/his/v1/decisions?orderId=${encodeURIComponent(orderId)}`);
    }

    /**
     * Checks the draft orders (the body of POST /his/v1/check) and, when any order has something to show,
     * opens the prompt. Resolves with the check's answer; the doctor's choices arrive as events.
     */
    async check(request) {
      let answer;
      try {
        answer = await this.call('POST', '/his/v1/check', request);
      } catch (error) {
        this.emit('error', { error });
        throw error;
      }
      if (answer.orders.some((order) => order.popupText)) this.prompt(answer, request.visit || {});
      return answer;
    }

    prompt(answer, visit) {
      const words = WORDS[this.language];
      const host = element('huren-prompt');
      document.body.append(host);
      const decided = new Set();
      const record = async (orderId, status, saying) => {
        const decision = await this.decision(orderId);
        decided.add(orderId);
        status.textContent = saying(decision);
        this.emit('decided', { orderId, decision });
      };
      const fail = (error, status) => {
        status.textContent = words.failed;
        this.emit('error', { error });
      };
      host.show(answer, words, {
        accept: (order, result, status) =>
          this.call('POST', '/his/v1/decisions', {
            orderId: order.orderId,
            action: 'accepted',
            resultId: result.resultId,
            doctorId: visit.doctorId,
            ...(visit.doctorName ? { doctorName: visit.doctorName } : {}),
          }).then(
            () => record(order.orderId, status, () => words.accepted),
            (error) => fail(error, status),
          ),
        decline: (order, status) => {
          const page = window.open(order.decisionUrl, 'huren-decision', 'popup,width=400,height=600');
          if (!page) {
            status.textContent = words.popupBlocked;
            return;
          }
          const origin = new URL(this.base).origin;
          const listener = (event) => {
            if (event.origin !== origin || !event.data || event.data.type !== 'huren:decided') return;
            if (event.data.promptId !== order.promptId) return;
            window.removeEventListener('message', listener);
            record(order.orderId, status, (decision) =>
              decision.outcome === 'declined' ? (decision.complete ? words.declined : words.incomplete) : words.decided,
            ).catch((error) => fail(error, status));
          };
          window.addEventListener('message', listener);
        },
        dismissed: () => {
          host.remove();
          const open = answer.orders.filter((order) => order.promptId && !decided.has(order.orderId));
          this.emit('dismissed', { orderIds: open.map((order) => order.orderId) });
        },
      });
    }
  }

  globalThis.HurenHis = { connect: (options) => new Connection(options), version: '1' };
})();
