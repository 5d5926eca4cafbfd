import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import { DEMO_HIS } from '../../../fixtures/clients/his';
import { demoPatients } from '../../../fixtures/patients/people';
import { codeMappings } from '../../../fixtures/registry/institutions';
import type { Services } from '../../services';

const SCRIPT = readFileSync(join(import.meta.dirname, 'his-page.js'), 'utf8');

const escape = (text: string): string => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The local codes 山城医院's HIS orders by (its code mapping), as the demo's order list. */
const ORDERABLE = codeMappings.filter((mapping) => mapping.institutionId === DEMO_HIS.hospitalId);

function page(): string {
  const patients = demoPatients
    .map(
      (patient) =>
        `<option value="${escape(patient.nationalId)}">${escape(patient.name)}：${escape(patient.story)}</option>`,
    )
    .join('\n');
  const orders = ORDERABLE.map(
    (mapping) =>
      `<li><label><input type="checkbox" name="order" value="${escape(mapping.localCode)}" data-name="${escape(mapping.localName)}"> ${escape(mapping.localName)}（${escape(mapping.localCode)}）</label></li>`,
  ).join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>演示：浏览器版 HIS · 山城医院</title>
<style>
body { font: 15px/1.6 system-ui, "Microsoft YaHei", sans-serif; margin: 0; color: #222; }
header { background: #234; color: #fff; padding: 0.5rem 1rem; }
main { max-width: 56rem; margin: 1rem auto; padding: 0 1rem; }
fieldset { margin: 0 0 1rem; }
select { max-width: 100%; }
ul.orders { columns: 2; list-style: none; padding: 0; }
button { font: inherit; padding: 0.4rem 1rem; }
#events { background: #f4f4f4; padding: 0.5rem; min-height: 3rem; white-space: pre-wrap; }
</style></head>
<body>
<header><p><strong>演示：浏览器版 HIS</strong> · 山城医院门诊医生站（开发环境；用 Huren 的浏览器 SDK /his/sdk.js 接入互认）</p></header>
<main>
<h1>门诊开单</h1>
<form id="order-form">
<fieldset><legend>患者与就诊</legend>
<p><label for="patient">患者</label><br><select id="patient" name="patient">${patients}</select></p>
<p><label for="kind">就诊类型</label>
<select id="kind" name="kind"><option value="门诊">门诊</option><option value="急诊">急诊</option><option value="住院">住院</option></select>
· 科室：心血管内科门诊 · 医生：李明（工号 D0123）</p>
</fieldset>
<fieldset><legend>检查检验医嘱（本院项目编码）</legend>
<ul class="orders">${orders}</ul>
</fieldset>
<p><button type="submit" id="save">保存医嘱</button></p>
</form>
<h2>HIS 收到的事件</h2>
<div id="events" role="log" aria-live="polite"></div>
</main>
<script src="/his/sdk.js"></script>
<script src="/demo/his/page.js"></script>
</body></html>`;
}

/** /demo/his: a browser-based HIS using the SDK, and the token its own server would mint with its key. */
export function demoHisRoutes(services: Services): Router {
  const router = Router();
  router.get('/demo/his', (_request, response) => {
    response.type('html').set('cache-control', 'no-cache').send(page());
  });
  router.get('/demo/his/page.js', (_request, response) => {
    response.type('text/javascript; charset=utf-8').send(SCRIPT);
  });
  // Stands in for the HIS's own server, which holds the HMAC key and signs POST /his/v1/browser-tokens.
  router.post('/demo/his/token', async (_request, response) => {
    const minted = await services.hisTokens.browserToken(DEMO_HIS.id);
    response.json({ token: minted.token, expiresAt: minted.expiresAt.toISOString() });
  });
  return router;
}
