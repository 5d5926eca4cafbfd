// The demo HIS page: saving the orders first asks Huren through the SDK, as a browser-based HIS would.
(function () {
  'use strict';
  const events = document.getElementById('events');
  const log = (text) => {
    events.textContent += `${new Date().toLocaleTimeString('zh-CN')} ${text}\n`;
  };
  const huren = HurenHis.connect({
    token: () => fetch('/demo/his/token', { method: 'POST' }).then((response) => response.json()),
  });
  huren.addEventListener('decided', (event) => {
    const { orderId, decision } = event.detail;
    log(`decided：医嘱 ${orderId} → ${decision.outcome}${decision.complete ? '' : '（尚缺患者告知）'}`);
  });
  huren.addEventListener('dismissed', (event) => {
    log(`dismissed：提示已关闭；未决定的医嘱 ${event.detail.orderIds.join('、') || '无'}`);
  });
  huren.addEventListener('error', (event) => log(`error：${event.detail.error.message}`));

  let sequence = 0;
  document.getElementById('order-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const checked = [...document.querySelectorAll('input[name="order"]:checked')];
    if (checked.length === 0) {
      log('请先勾选要开的医嘱');
      return;
    }
    sequence += 1;
    const orders = checked.map((box) => ({
      orderId: `DEMO-${Date.now()}-${sequence}-${box.value}`,
      code: box.value,
      name: box.dataset.name,
    }));
    huren
      .check({
        patient: { idType: 'resident-id', idNumber: document.getElementById('patient').value },
        visit: {
          kind: document.getElementById('kind').value,
          departmentCode: '0301',
          departmentName: '心血管内科门诊',
          doctorId: 'D0123',
          doctorName: '李明',
        },
        orders,
      })
      .then(
        (answer) => {
          const shown = answer.orders.filter((order) => order.popupText).length;
          log(`互认检查：${answer.orders.length} 条医嘱，${shown} 条有提示`);
        },
        () => undefined,
      );
  });
})();
