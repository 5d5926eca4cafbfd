import express from 'express';

/**
 * The floor: a bare express endpoint on the same machine answering a card-sized JSON to a
 * hook-sized POST. Our order-select throughput is reported as a fraction of this.
 */
const card = {
  cards: [
    {
      uuid: '4e0a3a1e-3283-4575-ab82-028d55fe2719',
      summary: '钾：患者2天前（2026-03-08）在渝中区人民医院的结果可互认，建议不重复检查',
      detail: `**申请项目**: 钾\n\n${'| 钾 | 4.1 | mmol/L | 3.5-5.3 | 正常 |\n'.repeat(4)}`,
      indicator: 'warning',
      source: { label: 'Huren 互认', url: 'http://localhost' },
      suggestions: [
        {
          label: '采用渝中区人民医院 2026-03-08的结果，撤销本次申请',
          uuid: 'e56e1945-20b3-4393-8503-a1a20fd73152',
          isRecommended: true,
          actions: [{ type: 'delete', description: '撤销', resourceId: 'ServiceRequest/sr-0' }],
        },
      ],
      selectionBehavior: 'at-most-one',
      overrideReasons: Array.from({ length: 10 }, (_, i) => ({
        system: 'https://fhir.huren.example/CodeSystem/exception-reason',
        code: `r${i}`,
        display: '病情变化，原结果与当前临床表现不符',
      })),
      links: [
        {
          label: '在互认助手中处理',
          url: 'http://localhost/app/launch',
          type: 'smart',
          appContext: '{"promptId":"x","token":"eyJ"}',
        },
      ],
    },
  ],
};

const app = express();
app.use(express.json({ limit: '5mb' }));
app.post('/cds-services/floor', (_request, response) => {
  response.json(card);
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
