import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, check, csv, single } from '../support/validation';
import { XIVO_HEADER, xivoRow } from '../support/headers';
import { RULES, ALL_RULES } from '../../server/src/service/index';
import { service } from '../support/validation';

describe('severity overrides', () => {
  test('an override changes the severity of its rule only', () => {
    const text = csv(XIVO_HEADER, xivoRow(1, { enabled: 'yes', ring_seconds: '7' }));
    const problems = check(text, { settings: { severityOverrides: { 'value-boolean': 'hint' } } });
    assert.equal(single(problems, 'value-boolean').severity, 'hint');
    assert.equal(single(problems, 'value-range').severity, 'error');
  });

  test('off drops the rule', () => {
    const text = csv(XIVO_HEADER, xivoRow(1, { enabled: 'yes' }));
    assert.deepEqual(check(text, { settings: { severityOverrides: { 'value-boolean': 'off' } } }), []);
  });
});

describe('maxProblems', () => {
  test('caps the problems and adds a final too-many-problems', () => {
    const rows = [XIVO_HEADER];
    for (let i = 0; i < 10; i++) rows.push(xivoRow(i, { enabled: 'yes' }));
    const text = csv(...rows);
    const problems = check(text, { settings: { maxProblems: 3 } });
    assert.equal(problems.length, 4);
    assert.deepEqual(problems.slice(0, 3).map((p) => p.range.start.line), [1, 2, 3]);
    const last = problems[3];
    assert.equal(last.rule, 'too-many-problems');
    assert.equal(last.severity, 'information');
    assert.equal(last.message, 'Too many problems: showing the first 3 of 10. Fix these, or raise the maximum number of problems in the settings, to see the rest.');
    assert.equal(last.range.start.line, 4); // at the first problem not shown
  });

  test('no too-many-problems at or under the cap', () => {
    const text = csv(XIVO_HEADER, xivoRow(1, { enabled: 'yes' }), xivoRow(2, { enabled: 'yes' }));
    assert.deepEqual(byRule(check(text, { settings: { maxProblems: 2 } }), 'too-many-problems'), []);
  });
});

describe('rule list', () => {
  test('every rule id is unique, kebab-case and described', () => {
    const ids = ALL_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of ALL_RULES) {
      assert.match(r.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(r.description.length > 10, r.id);
    }
    assert.deepEqual(service().rules?.(), ALL_RULES);
    assert.ok(RULES.some((r) => r.id === 'formula-injection'));
  });
});
