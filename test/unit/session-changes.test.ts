// The edit arithmetic of editing sessions (text changes, the range they changed, the difference of two
// texts) and the per-document sessions the LSP front keeps (DocumentSessions, server/src/lsp).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyChanges, diffTexts, mergeChanges } from '../../server/src/service/text/textChange';
import { NULL_LANGUAGE_SERVICE, type LanguageService } from '../../server/src/service/index';
import { DocumentSessions } from '../../server/src/lsp/documentSessions';
import { service } from '../support/validation';

describe('text changes', () => {
  const digits = '0123456789';

  test('apply one after the other, each counted in the text the previous one left', () => {
    assert.equal(
      applyChanges(digits, [
        { start: 1, end: 2, text: 'xyz' },
        { start: 8, end: 9, text: '' },
      ]),
      '0xyz2345789',
    );
  });

  test('a change outside its text is a RangeError', () => {
    assert.throws(() => applyChanges(digits, [{ start: 9, end: 11, text: '' }]), RangeError);
    assert.throws(() => mergeChanges([{ start: 3, end: 2, text: '' }], 10), RangeError);
    assert.throws(() => mergeChanges([{ start: -1, end: 2, text: '' }], 10), RangeError);
    assert.throws(() => mergeChanges([{ start: 0.5, end: 2, text: '' }], 10), RangeError);
  });

  test('no change at all changed nothing', () => {
    assert.equal(mergeChanges([], 10), undefined);
  });

  test('one change: its range before, its text after', () => {
    assert.deepEqual(mergeChanges([{ start: 2, end: 5, text: 'ab' }], 10), { start: 2, oldEnd: 5, newEnd: 4 });
  });

  test('typing two characters: one range, two characters longer', () => {
    assert.deepEqual(
      mergeChanges(
        [
          { start: 5, end: 5, text: 'a' },
          { start: 6, end: 6, text: 'b' },
        ],
        10,
      ),
      { start: 5, oldEnd: 5, newEnd: 7 },
    );
  });

  test('a change after the first one: the range covers both, counted in the first text', () => {
    // "0123456789" → "0xyz23456789" → "0xyz2345789": old [1, 7) "123456" became [1, 8) "xyz2345".
    assert.deepEqual(
      mergeChanges(
        [
          { start: 1, end: 2, text: 'xyz' },
          { start: 8, end: 9, text: '' },
        ],
        10,
      ),
      { start: 1, oldEnd: 7, newEnd: 8 },
    );
  });

  test('a change before the first one: the range starts there', () => {
    // "0123456789" → "01234Q6789" → "0AB1234Q6789": old [1, 6) "12345" became [1, 8) "AB1234Q".
    assert.deepEqual(
      mergeChanges(
        [
          { start: 5, end: 6, text: 'Q' },
          { start: 1, end: 1, text: 'AB' },
        ],
        10,
      ),
      { start: 1, oldEnd: 6, newEnd: 8 },
    );
  });

  test('the difference of two texts leaves out their common start and end', () => {
    assert.equal(diffTexts('abc', 'abc'), undefined);
    assert.deepEqual(diffTexts('abc', 'abXc'), { start: 2, oldEnd: 2, newEnd: 3 });
    assert.deepEqual(diffTexts('', 'x'), { start: 0, oldEnd: 0, newEnd: 1 });
    assert.deepEqual(diffTexts('aaaa', 'aa'), { start: 2, oldEnd: 4, newEnd: 2 });
    const long = 'a'.repeat(100_000);
    assert.deepEqual(diffTexts(`${long}b${long}`, `${long}cc${long}`), { start: 100_000, oldEnd: 100_001, newEnd: 100_002 });
  });
});

describe('DocumentSessions (one session per open document)', () => {
  const header = 'firstname,exten,context';
  const text = [header, 'Ann,1000,default', 'Bob,1001,default', ''].join('\n');

  /** The real core, counting the sessions it opens. */
  function counting(): { core: LanguageService; opened: () => number } {
    const real = service();
    let opened = 0;
    const core: LanguageService = {
      ...real,
      openDocument: (t, o) => {
        opened++;
        return real.openDocument(t, o);
      },
    };
    return { core, opened: () => opened };
  }

  test('edits told between two validations are applied to the session', () => {
    const { core, opened } = counting();
    const sessions = new DocumentSessions(() => core);
    assert.deepEqual(sessions.validate('file:///a.csv', text, {}), service().validate(text));
    // Two edits, each with offsets in the text just before it.
    const bob = text.indexOf('1001');
    sessions.changed('file:///a.csv', { start: bob, end: bob + 4, text: '1000' });
    sessions.changed('file:///a.csv', { start: 0, end: 0, text: '\n' });
    const next = `\n${text.replace('1001', '1000')}`;
    const result = sessions.validate('file:///a.csv', next, {});
    assert.deepEqual(result, service().validate(next));
    assert.equal(result.problems.filter((p) => p.rule === 'duplicate-value').length, 1);
    assert.equal(opened(), 1);
  });

  test('the editing features get the document of the current text, with the edits told since, from the same session', () => {
    const { core, opened } = counting();
    const sessions = new DocumentSessions(() => core);
    sessions.validate('file:///a.csv', text, {});
    const bob = text.indexOf('Bob');
    sessions.changed('file:///a.csv', { start: bob, end: bob + 3, text: 'Zoe' });
    const next = text.replace('Bob', 'Zoe');
    const document = sessions.document('file:///a.csv', next, {});
    assert.ok(document);
    assert.equal(document.model.text, next);
    assert.equal(document.model.value(2, 0), 'Zoe');
    assert.equal(document.dialect.id, 'xivo');
    assert.equal(opened(), 1);
    assert.deepEqual(sessions.validate('file:///a.csv', next, {}), service().validate(next));
    assert.deepEqual(sessions.result('file:///a.csv'), service().validate(next));
  });

  test('edits told before the first validation are not needed: it opens the session with the text', () => {
    const { core, opened } = counting();
    const sessions = new DocumentSessions(() => core);
    sessions.changed('file:///a.csv', { start: 0, end: 0, text: 'garbage' });
    assert.deepEqual(sessions.validate('file:///a.csv', text, {}), service().validate(text));
    assert.equal(opened(), 1);
  });

  test('after the whole text was replaced, the texts are compared', () => {
    const sessions = new DocumentSessions(() => service());
    sessions.validate('file:///a.csv', text, {});
    sessions.replaced('file:///a.csv');
    const next = text.replace('Ann,1000', 'Ann,1001');
    assert.deepEqual(sessions.validate('file:///a.csv', next, {}), service().validate(next));
  });

  test('a new core (custom dialects reloaded) and a closed document start a new session', () => {
    const first = counting();
    const second = counting();
    let current = first.core;
    const sessions = new DocumentSessions(() => current);
    sessions.validate('file:///a.csv', text, {});
    sessions.validate('file:///a.csv', text, {});
    assert.equal(first.opened(), 1);
    current = second.core;
    sessions.validate('file:///a.csv', text, {});
    assert.equal(second.opened(), 1);
    sessions.close('file:///a.csv');
    sessions.validate('file:///a.csv', text, {});
    assert.equal(second.opened(), 2);
  });

  test('the stand-in core (no dialect could be loaded) finds no user CSV and no problems', () => {
    const sessions = new DocumentSessions(() => NULL_LANGUAGE_SERVICE);
    assert.deepEqual(sessions.validate('file:///a.csv', text, {}), { problems: [] });
    assert.equal(sessions.document('file:///a.csv', text, {}), undefined);
  });
});
