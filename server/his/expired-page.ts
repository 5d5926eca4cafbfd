/**
 * What a doctor sees when a decision page URL cannot be opened: what happened and what to do, in
 * Chinese first. Never a dead end: the HIS's own popup still works, and a new check gives a new URL.
 */
export function expiredPage(why: 'expired' | 'used' | 'invalid'): string {
  const what = {
    expired: ['链接已过期', 'This link has expired'],
    used: ['链接已使用过', 'This link was already used'],
    invalid: ['链接无效', 'This link is not valid'],
  }[why];
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>互认决定页 · ${what[0]}</title></head>
<body style="font-family:system-ui,'Microsoft YaHei',sans-serif;max-width:28rem;margin:1.5rem auto;padding:0 1rem;line-height:1.6">
<main>
<h1 style="font-size:1.25rem">${what[0]}</h1>
<p>互认决定页的链接只能打开一次，且在开单检查后 10 分钟内有效。已经保存的决定不受影响。</p>
<p><strong>请这样继续：</strong>回到 HIS，在这条医嘱上再次点击“互认提示”（HIS 会重新调用互认检查并给出新链接）；也可以直接在 HIS 的弹窗中选择“采用外院结果”或“不互认”及理由。</p>
<p lang="en" style="color:#555">${what[1]}. Decision page links open once, within 10 minutes of the check. Go back to the HIS and open the prompt again for a new link; decisions already saved are kept.</p>
<p>现在可以关闭此窗口。 · You may close this window now.</p>
</main>
</body></html>`;
}
