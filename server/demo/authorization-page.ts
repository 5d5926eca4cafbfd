import type { Messages } from '../i18n';

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

/**
 * The page a doctor sees when the development authorization server refuses a launch: what to do in
 * their language, the protocol's reason folded away beneath it for whoever supports them.
 */
export function authorizationRefusedPage(
  messages: Messages,
  lang: string,
  kind: 'launch' | 'request',
  technical: string,
): string {
  const t = messages.authorizationRefused;
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.7}
h1{font-size:1.4rem}details{margin-top:1.5rem;color:#444;font-size:.875rem}summary{cursor:pointer}</style></head>
<body><main><h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.reasons[kind])}</p>
<details><summary>${escapeHtml(t.technical)}</summary><code>authorization refused: ${escapeHtml(technical)}</code></details></main></body></html>
`;
}
