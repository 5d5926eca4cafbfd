import type { RequestHandler } from 'express';
import type { Services } from './services';

/** A plain landing page so someone who opens the port sees what runs here and where to go. */
export function startPage(services: Services): RequestHandler {
  return (_request, response) => {
    const base = services.config.publicUrl;
    response.type('html').send(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Huren 互认</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;line-height:1.6">
<h1>Huren 互认</h1>
<p>检查检验结果互认 CDS Hooks 服务 · Cross-institution result recognition CDS Hooks service</p>
<ul>
${services.config.production ? '' : `<li><a href="${base}/demo">/demo</a> — 演示工作站：开医嘱、看互认提示、打开互认助手 · demo workstation</li>\n<li><a href="${base}/demo/his">/demo/his</a> — 演示浏览器版 HIS：用浏览器 SDK 接入互认 · a browser-based HIS using the SDK</li>\n`}<li><a href="${base}/app/quality">/app/quality</a> — 互认质控（质控科） · quality review</li>
<li><a href="${base}/app/admin">/app/admin</a> — 院内互认规则管理（本院管理员） · hospital rules</li>
<li><a href="${base}/app/platform">/app/platform</a> — 区域互认平台管理（平台管理员） · the platform operator's console</li>
<li><a href="${base}/cds-services">/cds-services</a> — CDS Hooks discovery</li>
<li><a href="${base}/api/openapi.json">/api/openapi.json</a> — API description</li>
<li><a href="${base}/health/ready">/health/ready</a> — readiness</li>
</ul>
</body></html>`);
  };
}
