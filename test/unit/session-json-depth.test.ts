// JSON nested too deeply to check (the position-aware parser recurses once per level) is one clear
// problem at the start of its cell, never a silently skipped cell; in a whole-file validation and in an
// editing session.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, check, range, service } from '../support/validation';

const HEADER = 'name,extension_number,office_hours,custom_options';
const TOO_DEEP = 'JSON nested too deeply (more than 100 levels)';
const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('JSON nested too deeply', () => {
  test('101 levels in a JSON column: one json-syntax problem at the cell start, nothing else about the cell', () => {
    const problems = check([HEADER, `u1,101,${nested(101)},`, ''].join('\n'));
    const json = problems.filter((p) => p.rule.startsWith('json-'));
    assert.deepEqual(
      json.map((p) => ({ rule: p.rule, severity: p.severity, message: p.message, range: p.range })),
      [{ rule: 'json-syntax', severity: 'error', message: TOO_DEEP, range: range(1, 7, 8) }],
    );
  });

  test('100 levels are checked as usual: an array where office hours need an object', () => {
    const problems = check([HEADER, `u1,101,${nested(100)},`, ''].join('\n'));
    assert.equal(problems.filter((p) => p.message === TOO_DEEP).length, 0);
    const [type] = byRule(problems, 'json-type');
    assert.equal(type.message, 'office_hours must be an object { … } — found an array');
    assert.equal(type.severity, 'error');
    assert.deepEqual(type.range, range(1, 7, 207));
  });

  test('thousands of levels, quoted, with keys: still one problem at the cell start (inside the quote)', () => {
    const deep = '{""a"":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    const problems = check([HEADER, `u1,101,"${deep}",`, ''].join('\n'));
    assert.deepEqual(
      byRule(problems, 'json-syntax').map((p) => ({ message: p.message, range: p.range })),
      [{ message: TOO_DEEP, range: range(1, 8, 9) }],
    );
  });

  test('custom_options: deep JSON that does not parse is reported at the cell start; deep JSON that parses is fine', () => {
    const broken = check([HEADER, `u1,101,,${'['.repeat(20_000)}`, ''].join('\n'));
    assert.deepEqual(
      byRule(broken, 'json-syntax').map((p) => ({ severity: p.severity, message: p.message, range: p.range })),
      [{ severity: 'error', message: TOO_DEEP, range: range(1, 8, 9) }],
    );
    const parses = check([HEADER, `u1,101,,${nested(20_000)}`, ''].join('\n'));
    assert.deepEqual(byRule(parses, 'json-syntax'), []);
  });

  test('an editing session reports it too when the deep JSON is typed in', () => {
    const text = [HEADER, 'u1,101,,', ''].join('\n');
    const session = service().openDocument(text);
    assert.deepEqual(session.validate()?.problems.filter((p) => p.message === TOO_DEEP), []);
    const at = text.indexOf('101,') + 4;
    session.update([{ start: at, end: at, text: nested(5000) }]);
    const result = session.validate();
    assert.ok(result);
    const deep = result.problems.filter((p) => p.message === TOO_DEEP);
    assert.deepEqual(deep.map((p) => [p.rule, p.start, p.end]), [['json-syntax', at, at + 1]]);
    assert.deepEqual(result, service().validate(session.text));
  });
});
