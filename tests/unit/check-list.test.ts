// The light list of checks (what Progress and Check my work render before any check code
// loads) and the checks' code are one set: each listed check has code, each piece of code
// is listed, and the code shows the list's title and fields.
import { describe, expect, test } from 'vitest';
import { CHECKS } from '../../src/steps/catalogue.ts';
import { CHECK_LIST, checkInfoById, implementCheck } from '../../src/steps/check-list.ts';

const place = { targetKey: 'sandbox:123456789012', account: '123456789012', region: 'us-east-1' };

describe('the list of checks', () => {
  test('every listed check has code, and every check’s code is listed, in the same order', () => {
    expect(CHECKS.map((check) => check.id)).toEqual(CHECK_LIST.map((check) => check.id));
    expect(new Set(CHECK_LIST.map((check) => check.id)).size).toBe(CHECK_LIST.length);
  });

  test('the code shows the list’s title, fields and default names', () => {
    for (const check of CHECKS) {
      const listed = checkInfoById(check.id)!;
      expect(check.title).toBe(listed.title);
      expect(check.fields).toBe(listed.fields);
      expect(check.defaults?.(place)).toEqual(listed.defaults?.(place));
    }
  });

  test('each field of a check has a default name to prefill it with', () => {
    for (const check of CHECK_LIST.filter((listed) => listed.fields)) {
      const defaults = check.defaults?.(place) ?? {};
      for (const field of check.fields!) expect(defaults[field.name], `${check.id}: ${field.name}`).toEqual(expect.any(String));
    }
  });

  test('code for a check that is not listed fails as it loads', () => {
    expect(() => implementCheck('task-8-1/not-listed', async () => [])).toThrow('There is no check task-8-1/not-listed in CHECK_LIST');
  });
});
