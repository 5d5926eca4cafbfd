import { describe, expect, it } from 'vitest';
import { checkStatus, RESULT_STATUSES } from '../../rules';

describe('status: final or amended results only; never preliminary, cancelled or entered-in-error', () => {
  const recognisable = new Set(['final', 'amended', 'corrected', 'appended']);
  it.each(RESULT_STATUSES.map((status) => ({ status, ok: recognisable.has(status) })))(
    '$status → recognisable: $ok',
    ({ status, ok }) => {
      const check = checkStatus(status);
      expect(check.ok).toBe(ok);
      if (!check.ok) expect(check.reason).toBe('status.not-final');
    },
  );
});
