// Editing sessions (service.openDocument): each test edits a small document the way an editor would and
// checks, by hand, what the session reports after the edit: message, severity and exact range; and that
// the whole result is the one validate() gives for the new text (a whole-file validation is a session fed
// the text once: these tests are about what a session does with edits).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvModel } from '../../server/src/service/csv/model';
import { LineIndex, type DocumentSession, type ValidateOptions, type ValidationResult } from '../../server/src/service/index';
import { range, service, type LocatedProblem, type Range } from '../support/validation';

/** A session of `text`, validated once (so that the edits of a test reach a session that has checked every record). */
function open(text: string, options?: ValidateOptions): DocumentSession {
  const session = service().openDocument(text, options);
  resultOf(session);
  return session;
}

/** The session's validation of its current text (run to its end). */
function resultOf(session: DocumentSession): ValidationResult {
  const result = session.validate();
  assert.ok(result, 'a validation without shouldYield runs to its end');
  assert.equal(session.result, result, 'the session keeps the result of its current text');
  return result;
}

/** The session's problems of `rule`, located in its current text. */
function problemsOf(session: DocumentSession, rule: string): LocatedProblem[] {
  const index = new LineIndex(session.text);
  return resultOf(session).problems.filter((p) => p.rule === rule).map((p) => ({ ...p, range: index.rangeOf(p) }));
}

/** The CSV model of the session's current text (the document the editing features get). */
function modelOf(session: DocumentSession): CsvModel {
  const document = session.document();
  assert.ok(document, 'a user CSV');
  return document.model;
}

/** Replaces the first occurrence of `find` (after `from`, if given) in the session's text with `replace`. */
function edit(session: DocumentSession, find: string, replace: string, options?: ValidateOptions, from?: string): void {
  const after = from === undefined ? 0 : session.text.indexOf(from);
  const start = session.text.indexOf(find, after);
  assert.ok(start >= 0, `"${find}" is in the text`);
  session.update([{ start, end: start + find.length, text: replace }], options);
}

/** The session agrees with a full validation of its current text. */
function agreesWithFullValidation(session: DocumentSession, options?: ValidateOptions): void {
  assert.deepEqual(resultOf(session), service().validate(session.text, options));
}

function brief(problem: LocatedProblem): { severity: string; message: string; range: Range } {
  return { severity: problem.severity, message: problem.message, range: problem.range };
}

const XIVO_HEADER = 'firstname,exten,context';
const DUPLICATE_EXTEN = (line: number) =>
  `Duplicate exten@context "1000@default": already used on line ${line}; an extension exists once per context`;

describe('editing session: records re-scanned after an edit', () => {
  test('a row pasted below a row of the same length is read as the new row, not as the old one moved', () => {
    const session = open([XIVO_HEADER, 'Ann,1000,default', 'Bob,1001,default', ''].join('\n'));
    assert.deepEqual(problemsOf(session, 'duplicate-value'), []);
    // The pasted line is as long as Ann's: the old record Ann, moved by the paste, would start where the
    // pasted one starts. Only records after the pasted text may be taken over.
    edit(session, 'Bob', 'Zed,1001,default\nBob');
    const [duplicate, ...others] = problemsOf(session, 'duplicate-value');
    assert.deepEqual(others, []);
    assert.deepEqual(brief(duplicate), {
      severity: 'error',
      message: 'Duplicate exten@context "1001@default": already used on line 3; an extension exists once per context',
      range: range(3, 4, 8),
    });
    // Zed's 1001: the header (24 characters with its line break), Ann's line (17), then "Zed,".
    assert.deepEqual(duplicate.related, [{ start: 45, end: 49, message: 'first use of exten@context "1001@default"' }]);
    assert.equal(modelOf(session).value(2, 0), 'Zed');
    agreesWithFullValidation(session);
  });

  test('deleting the first use moves "first use" to the next one; editing another row brings the duplicate back', () => {
    const session = open([XIVO_HEADER, 'Ann,1000,default', 'Bob,1001,default', 'Cid,1000,default', ''].join('\n'));
    assert.deepEqual(problemsOf(session, 'duplicate-value').map(brief), [{ severity: 'error', message: DUPLICATE_EXTEN(2), range: range(3, 4, 8) }]);
    edit(session, 'Ann,1000,default\n', '');
    assert.deepEqual(problemsOf(session, 'duplicate-value'), []);
    edit(session, '1001', '1000');
    // Bob (line 2 now) comes first; Cid (line 3) repeats it.
    assert.deepEqual(problemsOf(session, 'duplicate-value').map(brief), [{ severity: 'error', message: DUPLICATE_EXTEN(2), range: range(2, 4, 8) }]);
    agreesWithFullValidation(session);
  });

  test('a quote left open reads to the end of the text: closing it far below joins the rows in between', () => {
    const session = open([XIVO_HEADER, '"Ann,1000,default', 'Bob,1001,default', 'Cid,1002,default', ''].join('\n'));
    assert.deepEqual(problemsOf(session, 'csv-unterminated-quote').map(brief), [
      {
        severity: 'error',
        message:
          'Unterminated quoted cell: this opening quote is never closed. Add the closing quote at the end of the value ' +
          '(a quote inside a value is written as two quotes "").',
        range: range(1, 0, 1),
      },
    ]);
    assert.equal(modelOf(session).recordCount, 4);
    // Two lines below the open quote, far from the record the edit is in.
    edit(session, '1002,default', '1002,default"');
    assert.deepEqual(problemsOf(session, 'csv-unterminated-quote'), []);
    // Header and one record: a quoted cell over three lines.
    assert.equal(modelOf(session).recordCount, 2);
    assert.equal(modelOf(session).value(1, 0), 'Ann,1000,default\nBob,1001,default\nCid,1002,default');
    agreesWithFullValidation(session);
  });

  test('a record whose e-mail and exten@context both repeat others, edited: each of its values leaves its own group', () => {
    const header = 'entity_id,firstname,email,exten,context';
    const session = open([header, '1,Ann,a@x.com,1000,default', '1,Bob,a@x.com,1001,default', '1,Cid,c@x.com,1002,default', ''].join('\n'));
    // Taking a record's values out of the file-wide index reads other records back (to compare values), and
    // must not change which record the values taken out are read from.
    // Dan, pasted on top (Ann's record is not touched), has Bob's exten: Bob repeats Ann's e-mail (Ann first
    // in its group) and Dan's exten@context.
    const ann = session.text.indexOf('1,Ann');
    session.update([{ start: ann, end: ann, text: '1,Dan,d@x.com,1001,default\n' }]);
    // On line 4, "1,Bob," is 6 characters, then the e-mail (7) and a comma.
    const email = ['Duplicate email "a@x.com": already used on line 3; XiVO requires emails to be unique among users', range(3, 6, 13)];
    assert.deepEqual(problemsOf(session, 'duplicate-value').map((p) => [p.message, p.range]), [
      email,
      ['Duplicate exten@context "1001@default": already used on line 2; an extension exists once per context', range(3, 14, 18)],
    ]);
    agreesWithFullValidation(session);
    // Bob's exten changes: it is no longer Dan's, his e-mail is still Ann's.
    edit(session, '1001,default', '1005,default', undefined, 'Bob');
    assert.deepEqual(problemsOf(session, 'duplicate-value').map((p) => [p.message, p.range]), [email]);
    agreesWithFullValidation(session);
    // And Bob's record removed: nothing of it stays behind in the file-wide indexes.
    edit(session, '1,Bob,a@x.com,1005,default\n', '');
    edit(session, '1,Cid,c@x.com,1002', '1,Cid,c@x.com,1005');
    assert.deepEqual(problemsOf(session, 'duplicate-value'), []);
    agreesWithFullValidation(session);
  });

  test('typing a line break inside a record splits it; the records after it move one line down', () => {
    const session = open([XIVO_HEADER, 'Ann,1000,default', 'Bob,1001,default', 'Cid,1000,default', ''].join('\n'));
    edit(session, ',1001', '\n,1001');
    // "Bob" alone is short of two cells; ",1001,default" has an empty firstname.
    const short = problemsOf(session, 'row-short');
    assert.deepEqual(short.map((p) => p.range), [range(2, 0, 3)]);
    assert.deepEqual(problemsOf(session, 'duplicate-value').map(brief), [{ severity: 'error', message: DUPLICATE_EXTEN(2), range: range(4, 4, 8) }]);
    const model = modelOf(session);
    assert.deepEqual(
      Array.from({ length: model.recordCount }, (_, r) => [r, model.recordLine(r)]),
      [
        [0, 0],
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
      ],
    );
    agreesWithFullValidation(session);
  });
});

describe('editing session: file-wide findings', () => {
  test('a byte-order mark typed at the start is reported at [0, 1); deleting it clears it', () => {
    const session = open([XIVO_HEADER, 'Ann,1000,default', ''].join('\n'));
    assert.deepEqual(problemsOf(session, 'file-bom'), []);
    session.update([{ start: 0, end: 0, text: '\uFEFF' }]);
    const [bom] = problemsOf(session, 'file-bom');
    assert.equal(bom.severity, 'warning');
    assert.match(bom.message, /^The file starts with a byte-order mark \(BOM\).* \(here "firstname"\)\. Save it as UTF-8 without BOM\.$/);
    assert.deepEqual(bom.range, range(0, 0, 1));
    agreesWithFullValidation(session);
    session.update([{ start: 0, end: 1, text: '' }]);
    assert.deepEqual(problemsOf(session, 'file-bom'), []);
    agreesWithFullValidation(session);
  });

  test('undecodable characters are counted across edits; the problem sits on the first one', () => {
    const session = open([XIVO_HEADER, 'Ann,1000,default', 'Bob,1001,default', ''].join('\n'));
    edit(session, 'Bob', 'B\uFFFDb');
    edit(session, 'Ann', 'A\uFFFDn');
    const message = (count: number) =>
      `The file is not valid UTF-8: ${count} character${count === 1 ? '' : 's'} could not be decoded (the first is here). ` +
      'The importer needs UTF-8: re-save the file with UTF-8 encoding.';
    assert.deepEqual(problemsOf(session, 'not-utf8').map(brief), [{ severity: 'error', message: message(2), range: range(1, 1, 2) }]);
    edit(session, 'A\uFFFDn', 'Ann');
    assert.deepEqual(problemsOf(session, 'not-utf8').map(brief), [{ severity: 'error', message: message(1), range: range(2, 1, 2) }]);
    edit(session, 'B\uFFFDb', 'Bob');
    assert.deepEqual(problemsOf(session, 'not-utf8'), []);
    agreesWithFullValidation(session);
  });

  test('a phone MAC pasted into another row is a duplicate at both places; removing it clears both', () => {
    const phones = (mac: string) => `"[{""mac"":""${mac}"",""vendor"":""Yealink"",""model"":""SIP-T46U""}]"`;
    const text = ['name,extension_number,office_hours,phones', `u1,101,,${phones('80:5e:c0:1a:2b:3d')}`, `u2,102,,${phones('80:5e:c0:1a:2b:3e')}`, ''].join('\n');
    const session = open(text);
    assert.deepEqual(problemsOf(session, 'json-duplicate-mac'), []);
    edit(session, '80:5e:c0:1a:2b:3e', '80:5e:c0:1a:2b:3d');
    const places = problemsOf(session, 'json-duplicate-mac');
    // Each MAC's characters: `u1,101,,"[{""mac"":""` is 21 characters, the MAC 17.
    assert.deepEqual(places.map(brief), [
      { severity: 'error', message: 'MAC 80:5e:c0:1a:2b:3d is also used on line 3: provisioning will fail', range: range(1, 21, 38) },
      { severity: 'error', message: 'MAC 80:5e:c0:1a:2b:3d is also used on line 2: provisioning will fail', range: range(2, 21, 38) },
    ]);
    agreesWithFullValidation(session);
    edit(session, '80:5e:c0:1a:2b:3d', '80:5e:c0:1a:2b:3f', undefined, 'u2');
    assert.deepEqual(problemsOf(session, 'json-duplicate-mac'), []);
    agreesWithFullValidation(session);
  });

  test('a MAC on twelve rows: each problem names ten other lines and counts the rest', () => {
    const phones = `"[{""mac"":""80:5e:c0:1a:2b:3d""}]"`;
    const rows = Array.from({ length: 12 }, (_, i) => `u${i + 10},${i + 10},,${phones}`);
    const session = open(['name,extension_number,office_hours,phones', ...rows, ''].join('\n'));
    const places = problemsOf(session, 'json-duplicate-mac');
    assert.equal(places.length, 12);
    // Lines 2 to 13. Line 2 lists lines 3 to 12 and one more (13); line 13 lists lines 2 to 11 and one more (12).
    assert.equal(places[0].message, 'MAC 80:5e:c0:1a:2b:3d is also used on line 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 1 more line: provisioning will fail');
    assert.equal(places[11].message, 'MAC 80:5e:c0:1a:2b:3d is also used on line 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 1 more line: provisioning will fail');
    // `u10,10,,"[{""mac"":""` is 21 characters.
    assert.deepEqual(places[0].range, range(1, 21, 38));
    assert.equal(places[0].related?.length, 10);
    assert.deepEqual(places[0].related?.[0], { start: session.text.indexOf('80:5e', session.text.indexOf('u11,')), end: session.text.indexOf('80:5e', session.text.indexOf('u11,')) + 17, message: 'the same MAC on line 3' });
    agreesWithFullValidation(session);
    // With one row less, every other line is listed.
    edit(session, `${rows[11]}\n`, '');
    assert.equal(problemsOf(session, 'json-duplicate-mac')[0].message, 'MAC 80:5e:c0:1a:2b:3d is also used on line 3, 4, 5, 6, 7, 8, 9, 10, 11, 12: provisioning will fail');
    agreesWithFullValidation(session);
  });

  test('a JSON document pasted without escaping hides the record it runs over; fixing that record undoes it', () => {
    // A row whose office_hours cell holds the start of an unescaped JSON array that the next line closes.
    const header = 'name,extension_number,office_hours';
    const session = open([header, 'u1,101,x', '2]},102,', '2]},103,', ''].join('\n'));
    // Lines 2 and 3 start with the same name: the second is a duplicate.
    const duplicateName = 'Duplicate name "2]}": already used on line 3; the importer rejects a second user with the same name';
    assert.deepEqual(problemsOf(session, 'duplicate-value').map(brief), [{ severity: 'error', message: duplicateName, range: range(3, 0, 3) }]);

    // The JSON now runs from line 1 over line 2: that record is part of the pasted document, its name is not
    // a user's name any more, and line 3's is the first use.
    edit(session, 'x', '{"a":[1,', undefined, 'u1');
    assert.deepEqual(problemsOf(session, 'json-unescaped').map(brief), [
      {
        severity: 'error',
        message:
          'this cell holds JSON whose quotes are not escaped for CSV: wrap the cell in quotes and double every quote inside it ' +
          '(CSV split it: the row has 4 cells instead of 3)',
        range: { start: { line: 1, character: 7 }, end: { line: 2, character: 3 } },
      },
    ]);
    assert.deepEqual(problemsOf(session, 'duplicate-value'), []);
    agreesWithFullValidation(session);

    // An edit inside line 2 (past what the broken row's own scan read) unbalances the JSON: the cascade
    // found for line 1 is gone and line 2 is a record again (its name differs from line 3's now).
    edit(session, '},102', 'x,102');
    assert.deepEqual(problemsOf(session, 'json-unescaped'), []);
    assert.deepEqual(problemsOf(session, 'duplicate-value').map(brief), []);
    agreesWithFullValidation(session);
    edit(session, 'x,102', '},102');
    assert.equal(problemsOf(session, 'json-unescaped').length, 1);
    agreesWithFullValidation(session);
  });
});

describe('editing session: the cap on the number of problems', () => {
  test('the problems shown and the count of the others follow the edits', () => {
    // No line_protocol: every filled exten@context makes a resource-required error on its exten cell, which
    // comes after the duplicate-value error on the same cell (the uniqueness check runs first).
    const capped: ValidateOptions = { settings: { maxProblems: 3 } };
    const text = [XIVO_HEADER, 'Ann,1000,default', 'Bob,1000,default', 'Cid,1000,default', 'D"n,1001,default', ''].join('\n');
    const session = open(text, capped);
    const shown = () => {
      const index = new LineIndex(session.text);
      return resultOf(session).problems.map((p) => [p.rule, index.rangeOf(p)]);
    };
    const note = (total: number) =>
      `Too many problems: showing the first 3 of ${total}. Fix these, or raise the maximum number of problems in the settings, to see the rest.`;
    // 7 problems: 4 resource-required, 2 duplicates, the quote in "D"n".
    assert.deepEqual(shown(), [
      ['resource-required', range(1, 4, 8)],
      ['duplicate-value', range(2, 4, 8)],
      ['resource-required', range(2, 4, 8)],
      ['too-many-problems', range(3, 4, 8)],
    ]);
    assert.equal(resultOf(session).problems[3].message, note(7));
    edit(session, 'Bob,1000,default\n', '');
    assert.deepEqual(shown(), [
      ['resource-required', range(1, 4, 8)],
      ['duplicate-value', range(2, 4, 8)],
      ['resource-required', range(2, 4, 8)],
      ['too-many-problems', range(3, 1, 2)],
    ]);
    assert.equal(resultOf(session).problems[3].message, note(5));
    agreesWithFullValidation(session, capped);
  });
});

describe('editing session: header, detection and options', () => {
  test('a sign key typed into a phones cell settles the guessed PortSIP version; deleting it makes it a guess again', () => {
    // extension_number and office_hours fit PortSIP v22 and v16 alike; nothing shows which one: v22 is guessed.
    const header = 'name,extension_number,office_hours,phones';
    const session = open([header, 'u1,101,,[]', ''].join('\n'));
    assert.deepEqual(resultOf(session).dialect, { id: 'portsip-v22', label: service().dialect('portsip-v22')?.label, guessed: true });
    edit(session, '[]', '"[{""serial_number"":""X1""}]"');
    assert.equal(resultOf(session).dialect?.guessed, false);
    agreesWithFullValidation(session);
    edit(session, '"[{""serial_number"":""X1""}]"', '[]');
    assert.equal(resultOf(session).dialect?.guessed, true);
    agreesWithFullValidation(session);
  });

  test('an edited header is read again: a new column is bound, a renamed one is unknown', () => {
    const session = open([XIVO_HEADER, 'Ann,1000,default', 'Bob,1000,default', ''].join('\n'));
    assert.equal(problemsOf(session, 'duplicate-value').length, 1);
    edit(session, 'exten', 'extn');
    assert.deepEqual(problemsOf(session, 'duplicate-value'), []);
    assert.deepEqual(
      problemsOf(session, 'header-unknown-column').map((p) => p.range),
      [range(0, 10, 14)],
    );
    agreesWithFullValidation(session);
    edit(session, 'extn', 'exten');
    assert.deepEqual(problemsOf(session, 'header-unknown-column'), []);
    assert.equal(problemsOf(session, 'duplicate-value').length, 1);
    agreesWithFullValidation(session);
  });

  test('a header that no dialect fits makes the file not a user CSV, and typing it back makes it one again', () => {
    const session = open(['firstname,lastname,exten', 'Ann,Lee,1000', ''].join('\n'));
    assert.equal(resultOf(session).dialect?.id, 'xivo');
    edit(session, 'exten', 'extn');
    assert.deepEqual(resultOf(session), { problems: [] });
    edit(session, 'extn', 'exten');
    assert.equal(resultOf(session).dialect?.id, 'xivo');
    agreesWithFullValidation(session);
  });

  test('other settings or a forced dialect given with an update check every record again', () => {
    const session = open([XIVO_HEADER, 'Ann,1000,default', 'Bob,1000,default', ''].join('\n'));
    assert.equal(problemsOf(session, 'duplicate-value').length, 1);
    const quiet: ValidateOptions = { settings: { severityOverrides: { 'duplicate-value': 'off' } } };
    session.update([], quiet);
    assert.deepEqual(problemsOf(session, 'duplicate-value'), []);
    agreesWithFullValidation(session, quiet);
    // Options left out: the session keeps the ones it has.
    edit(session, 'Bob', 'Bab');
    assert.deepEqual(problemsOf(session, 'duplicate-value'), []);
    session.update([], { dialect: 'none' });
    assert.deepEqual(resultOf(session), { problems: [] });
    session.update([], {});
    assert.equal(problemsOf(session, 'duplicate-value').length, 1);
    agreesWithFullValidation(session, {});
  });
});

describe('editing session: an old XiVO file', () => {
  test('the header reports the old format while the rows are edited; converting the header by hand leaves a plain XiVO file', () => {
    const session = service().openDocument!(['entityid|firstname|phonenumber|context|protocol', '1|Ann|1000|default|sip', ''].join('\n'));
    assert.deepEqual(problemsOf(session, 'header-legacy-format').map((p) => p.range), [range(0, 0, 47)]);
    edit(session, '1|Ann', '1|Anne');
    assert.equal(problemsOf(session, 'header-legacy-format').length, 1);
    agreesWithFullValidation(session);
    edit(session, 'entityid|firstname|phonenumber|context|protocol', 'entity_id,firstname,exten,context,line_protocol');
    edit(session, '1|Anne|1000|default|sip', '1,Anne,1000,default,sip');
    assert.deepEqual(resultOf(session), { dialect: { id: 'xivo', label: 'XiVO users import', guessed: false }, problems: [] });
    agreesWithFullValidation(session);
  });
});

describe('editing session: how updates are given', () => {
  const text = [XIVO_HEADER, 'Ann,1000,default', 'Bob,1001,default', ''].join('\n');

  test('several changes in one update apply one after the other', () => {
    const session = open(text);
    // "Bob,1001" → "Bob,1000" then, in the text that left, "Ann" → "Anne" (offsets before each change).
    const bob = text.indexOf('1001');
    session.update([
      { start: bob, end: bob + 4, text: '1000' },
      { start: text.indexOf('Ann'), end: text.indexOf('Ann') + 3, text: 'Anne' },
    ]);
    assert.equal(session.text, [XIVO_HEADER, 'Anne,1000,default', 'Bob,1000,default', ''].join('\n'));
    assert.deepEqual(problemsOf(session, 'duplicate-value').map((p) => p.range), [range(2, 4, 8)]);
    agreesWithFullValidation(session);
  });

  test('the whole new text, or the text with the changes that made it, give the same result', () => {
    const next = text.replace('1001', '1000');
    const fromText = open(text);
    fromText.update(next);
    const fromBoth = open(text);
    const start = text.indexOf('1001');
    fromBoth.update({ text: next, changes: [{ start, end: start + 4, text: '1000' }] });
    assert.equal(fromText.text, next);
    assert.equal(fromBoth.text, next);
    assert.deepEqual(resultOf(fromText), service().validate(next));
    assert.deepEqual(resultOf(fromBoth), service().validate(next));
  });

  test('changes that do not lead to the given text are ignored: the texts are compared instead', () => {
    const session = open(text);
    const next = text.replace('Bob,1001', 'Bob,1000');
    session.update({ text: next, changes: [{ start: 0, end: 0, text: 'zz' }] });
    assert.equal(session.text, next);
    assert.deepEqual(resultOf(session), service().validate(next));
  });

  test('a change outside the text is refused with a RangeError, and the session stays as it was', () => {
    const session = open(text);
    assert.throws(() => session.update([{ start: 5, end: text.length + 1, text: '' }]), RangeError);
    assert.throws(() => session.update([{ start: 4, end: 2, text: '' }]), RangeError);
    assert.equal(session.text, text);
    assert.deepEqual(resultOf(session), service().validate(text));
  });

  test('the document is the CSV model of the current text, offsets included', () => {
    const session = open(text);
    session.update([{ start: XIVO_HEADER.length + 1, end: XIVO_HEADER.length + 1, text: 'Zoe,999,default\n' }]);
    const model = modelOf(session);
    assert.equal(model.text, session.text);
    assert.equal(model.value(3, 0), 'Bob');
    assert.equal(model.recordStart(3), session.text.indexOf('Bob'));
    const exten = model.cellSpan(3, 1);
    assert.deepEqual([exten.start, exten.end], [session.text.indexOf('1001'), session.text.indexOf('1001') + 4]);
  });
});

describe('editing session: the work an edit costs', () => {
  const XIVO_LONG_HEADER = 'entity_id,firstname,lastname,email,exten,context,line_protocol';
  const rows = (count: number) => Array.from({ length: count }, (_, i) => `1,First${i},Last${i},user${i}@example.com,${1000 + i},default,sip`);

  test('a one-cell edit reads the values of its record only, and the result is still the whole file\'s', () => {
    const session = open([XIVO_LONG_HEADER, ...rows(1000), ''].join('\n'));
    const read = new Set<number>();
    const value = CsvModel.prototype.value;
    CsvModel.prototype.value = function (this: CsvModel, record: number, column: number): string {
      read.add(record);
      return value.call(this, record, column);
    };
    try {
      edit(session, 'First500', 'Zoe');
      const result = session.validate();
      // Record 501 (the header is record 0): its old values leave the indexes, its new ones are checked.
      assert.deepEqual([...read], [501]);
      assert.ok(result);
    } finally {
      CsvModel.prototype.value = value;
    }
    assert.equal(modelOf(session).value(501, 1), 'Zoe');
    agreesWithFullValidation(session);
  });

  test('a validation that yields goes on where it stopped, and takes an edit made in between', () => {
    const text = [XIVO_LONG_HEADER, ...rows(300), ''].join('\n');
    const session = service().openDocument(text);
    let asked = 0;
    assert.equal(session.validate(() => ++asked > 0), undefined, 'stopped at the first question');
    assert.equal(session.result, undefined);
    assert.ok(asked > 0);
    // Between two steps: user0's exten becomes user299's (1299), a duplicate at the end of the file.
    edit(session, '1000,default', '1299,default');
    let result: ValidationResult | undefined;
    let calls = 0;
    while (!(result = session.validate(() => true))) calls++;
    assert.ok(calls > 0, 'it yielded again');
    assert.equal(session.result, result);
    const index = new LineIndex(session.text);
    assert.deepEqual(
      result.problems.filter((p) => p.rule === 'duplicate-value').map((p) => [p.message, index.rangeOf(p)]),
      // On line 301, "1,First299,Last299,user299@example.com," is 39 characters.
      [['Duplicate exten@context "1299@default": already used on line 2; an extension exists once per context', range(300, 39, 43)]],
    );
    assert.deepEqual(result, service().validate(session.text));
  });

  test('edits made before the first validation: the session reads the new text from the start', () => {
    const session = service().openDocument([XIVO_HEADER, 'Ann,1000,default', ''].join('\n'));
    edit(session, 'Ann', 'Bob');
    session.update([{ start: session.text.length, end: session.text.length, text: 'Cid,1000,default\n' }]);
    assert.deepEqual(problemsOf(session, 'duplicate-value').map(brief), [{ severity: 'error', message: DUPLICATE_EXTEN(2), range: range(2, 4, 8) }]);
    assert.equal(modelOf(session).value(1, 0), 'Bob');
    agreesWithFullValidation(session);
  });
});
