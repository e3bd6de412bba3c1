import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, check, csv, range, rangeOf, service, single } from '../support/validation';
import { PORTSIP_HEADER, portsipRow, XIVO_HEADER, xivoRow } from '../support/headers';

const XIVO_MIN = 'entity_id,firstname,lastname,exten,context,line_protocol';

describe('CSV syntax', () => {
  test('a well-formed quoted cell passes', () => {
    const problems = check(csv(XIVO_MIN, '1,John,"Doe ""JD""",1000,default,sip'));
    assert.deepEqual(problems, []);
  });

  test('csv-unterminated-quote points at the opening quote', () => {
    const text = csv(XIVO_MIN, '1,John,Doe,1000,default,"sip');
    const p = single(check(text), 'csv-unterminated-quote');
    assert.equal(p.severity, 'error');
    assert.match(p.message, /^Unterminated quoted cell/);
    assert.deepEqual(p.range, range(1, 24, 25));
  });

  test('csv-text-after-quote points at the first character after the closing quote', () => {
    const text = csv(XIVO_MIN, '1,"John"x,Doe,1000,default,sip');
    const p = single(check(text), 'csv-text-after-quote');
    assert.equal(p.severity, 'error');
    assert.match(p.message, /after the closing quote/); // wording owned by the CSV model
    assert.deepEqual(p.range, range(1, 8, 9));
  });

  test('csv-quote-in-unquoted-cell points at the quote', () => {
    const text = csv(XIVO_MIN, '1,Jo"hn,Doe,1000,default,sip');
    const p = single(check(text), 'csv-quote-in-unquoted-cell');
    assert.equal(p.severity, 'error');
    assert.deepEqual(p.range, range(1, 4, 5));
  });
});

describe('encoding', () => {
  test('not-utf8: a U+FFFD replacement character is an error at the first one, counting all', () => {
    const text = csv(XIVO_MIN, '1,Fran\uFFFDois,M\uFFFDller,1000,default,sip');
    const p = single(check(text), 'not-utf8');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'The file is not valid UTF-8: 2 characters could not be decoded (the first is here). The importer needs UTF-8: re-save the file with UTF-8 encoding.');
    assert.deepEqual(p.range, range(1, 6, 7));
  });

  test('not-utf8: accented UTF-8 text passes', () => {
    assert.deepEqual(byRule(check(csv(XIVO_MIN, '1,François,Müller,1000,default,sip')), 'not-utf8'), []);
  });

  test('file-bom is a warning for XiVO, on the BOM character', () => {
    const text = '\uFEFF' + csv(XIVO_MIN, '1,John,Doe,1000,default,sip');
    const p = single(check(text), 'file-bom');
    assert.equal(p.severity, 'warning');
    assert.equal(
      p.message,
      'The file starts with a byte-order mark (BOM): the XiVO importer does not strip it, so it silently ignores the first column (here "entity_id"). Save it as UTF-8 without BOM.',
    );
    assert.deepEqual(p.range, range(0, 0, 1));
  });

  test('file-bom is not reported for PortSIP (Excel\'s "CSV UTF-8" writes one)', () => {
    const text = '\uFEFF' + csv(PORTSIP_HEADER, portsipRow(1));
    assert.deepEqual(check(text), []);
  });
});

describe('header delimiter', () => {
  test('header-delimiter: a semicolon-separated user file is an error on the header with the delimiter as data', () => {
    const text = csv('entity_id;firstname;exten;context;line_protocol', '1;John;1000;default;sip');
    const problems = check(text);
    assert.equal(problems.length, 1);
    const p = single(problems, 'header-delimiter');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'The file is separated by ";", but the importer needs commas: convert the file to comma-separated values.');
    assert.deepEqual(p.range, range(0, 0, 47));
    assert.deepEqual(p.data, { delimiter: ';' });
  });

  test('header-delimiter: tab-separated', () => {
    const text = csv('name\tpassword\textension_number\textension_password\temail\tvoicemail_pin', 'a\tb\t101\tc\td@e.fr\t493817');
    const p = single(check(text), 'header-delimiter');
    assert.equal(p.message, 'The file is separated by tabs, but the importer needs commas: convert the file to comma-separated values.');
    assert.deepEqual(p.data, { delimiter: '\t' });
  });

  test('header-delimiter: a "|"-separated file with the current column names', () => {
    const text = csv('firstname|exten|context|line_protocol', 'John|1000|default|sip');
    const p = single(check(text), 'header-delimiter');
    assert.equal(p.message, 'The file is separated by "|", but the importer needs commas: convert the file to comma-separated values.');
    assert.deepEqual(p.range, range(0, 0, 37));
    assert.deepEqual(p.data, { delimiter: '|' });
  });

  test('header-legacy-format: a XiVO file from before 15.20 ("|" and the old names) is recognised and explained', () => {
    const text = csv('entityid|firstname|lastname|phonenumber|context|protocol|voicemailname', '1|John|Doe|1000|default|sip|John VM');
    const problems = check(text);
    assert.equal(service().validate(text).dialect?.id, 'xivo');
    assert.equal(problems.length, 1);
    const p = single(problems, 'header-legacy-format');
    assert.equal(p.severity, 'error');
    assert.equal(
      p.message,
      'This file is in the import format of XiVO before 15.20 ("|"-separated, old column names): XiVO 15.20 replaced "|" by commas and renamed the columns ' +
        '(entityid → entity_id, phonenumber → exten, protocol → line_protocol, voicemailname → voicemail_name), so the importer reads the whole header ' +
        'as one unknown column and rejects every row (firstname is missing). Convert the file to commas and the current names.',
    );
    assert.deepEqual(p.range, range(0, 0, 70));
    assert.deepEqual(p.data, {
      delimiter: '|',
      renames: { entityid: 'entity_id', phonenumber: 'exten', protocol: 'line_protocol', voicemailname: 'voicemail_name' },
    });
  });

  test('old column names in a comma-separated file: "did you mean" the current name', () => {
    const text = csv('firstname,phonenumber,context,protocol', 'John,1000,default,sip');
    assert.deepEqual(
      byRule(check(text), 'header-unknown-column').map((p) => [p.message, p.range]),
      [
        ['Unknown column "phonenumber" (did you mean "exten"?): the XiVO importer silently ignores columns it does not know', rangeOf(text, 'phonenumber')],
        ['Unknown column "protocol" (did you mean "line_protocol"?): the XiVO importer silently ignores columns it does not know', rangeOf(text, 'protocol')],
      ],
    );
  });

  test('a comma-separated file has no header-delimiter problem', () => {
    assert.deepEqual(byRule(check(csv(XIVO_MIN, '1,John;Jr,Doe,1000,default,sip')), 'header-delimiter'), []);
  });
});

describe('row shape', () => {
  test('row-short: the whole record, naming the missing columns', () => {
    const text = csv(XIVO_MIN, '1,John,Doe,1000');
    const p = single(check(text), 'row-short');
    assert.equal(p.severity, 'error');
    assert.equal(
      p.message,
      'Row has 4 cells but the header has 6: missing context and line_protocol; the XiVO importer reads the missing cells as empty (boolean columns then fail, integer columns crash the import)',
    );
    assert.deepEqual(p.range, range(1, 0, 15));
  });

  test('row-extra-cells: from the first extra cell to the end of the row, a warning', () => {
    const text = csv(XIVO_MIN, '1,John,Doe,1000,default,sip,oops,more');
    const p = single(check(text), 'row-extra-cells');
    assert.equal(p.severity, 'warning');
    assert.equal(p.message, 'Row has 8 cells but the header has 6: 2 extra cells; the XiVO importer ignores cells beyond the header');
    assert.deepEqual(p.range, range(1, 28, 37));
  });

  test('rows with as many cells as the header pass', () => {
    assert.deepEqual(check(csv(XIVO_MIN, '1,John,Doe,1000,default,sip', '1,Jane,,1001,default,sip')), []);
  });

  test('cell-line-break: XiVO warns at the line break inside the quoted cell', () => {
    const text = csv(XIVO_MIN, '1,"Jo\r\nhn",Doe,1000,default,sip');
    const p = single(check(text), 'cell-line-break');
    assert.equal(p.severity, 'warning');
    assert.equal(p.message, 'Line break inside the cell of firstname: the XiVO importer drops line breaks inside cells');
    assert.deepEqual(p.range, { start: { line: 1, character: 5 }, end: { line: 2, character: 0 } });
  });

  test('cell-line-break: PortSIP accepts multi-line (pretty-printed JSON) cells', () => {
    const text = csv(PORTSIP_HEADER + ',blfs', portsipRow(1) + ',"[\n]"');
    assert.deepEqual(byRule(check(text), 'cell-line-break'), []);
  });
});

describe('a pasted JSON document', () => {
  test('is reported once instead of a cascade of CSV errors', () => {
    const text = csv(PORTSIP_HEADER + ',office_hours', portsipRow(1) + ',{"mode":"GLOBAL"}', portsipRow(2) + ',"{""mode"":""GLOBAL""}"');
    const problems = check(text);
    assert.deepEqual(
      problems.map((p) => p.rule),
      ['json-unescaped'],
    );
    assert.deepEqual(problems[0].range.start.line, 1);
    // The next row is still checked normally.
    const xivo = check(csv(XIVO_HEADER, xivoRow(1), xivoRow(2, { enabled: 'x' })));
    assert.equal(single(xivo, 'value-boolean').range.start.line, 2);
  });
});
