// The data the table preview's webview gets: the columns, rows with what each cell shows (secrets masked,
// JSON compact with the whole pretty document beside it), the problems tinting each cell, and the rows a
// filter keeps. Expected values are written by hand from the input text and the dialect files.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MASK, ProblemIndex, filterRecords, tableColumns, tableRows } from '../../server/src/service/index';
import { parsed, service } from '../support/validation';

const HEADER = 'name,enabled,password,extension_number,extension_password,email,voicemail_pin,offline_office_hours_forward_rule,phones,nickname';
/** A phone as written in the cell (quotes doubled); its password is a secret. */
const PHONE_FIELDS = {
  mac: '0c:38:3e:63:fe:e8',
  filename: 'fanvil.ph.xml',
  vendor: 'Fanvil',
  model: 'V62 Pro',
  password: 'Ph0ne#Pw9',
  language: 'ENGLISH',
  transfer: 'BLIND',
  timezone: 'GMT-5:00 US Eastern Time, New York',
  codecs: ['PCMU', 'PCMA'],
  interface: 'WEB_DOMAIN',
  preferred_transport: 'UDP',
};
const PHONE = JSON.stringify([PHONE_FIELDS]).replace(/"/g, '""');
const ROWS = [
  `jim1,TRUE,Qm4#tW8$zK,2001,Lp6!vX3%nB,jim1@example.com,946025,"{""action"":""FORWARD_TO_VOICEMAIL""}","${PHONE}",Jimmy`,
  'ann2,yes,Zr7&kN2@wD,2002,Tg5*hJ9^mC,ann2@example.com,381749,"{""action"":""FORWARD_TO_NUMBER""}",,"two\nlines"',
  'bob3,TRUE,Xc5%vB8!nM,2003,Wq2@rT7&kP,bob3@example.com,520618,,,',
];
const TEXT = `${HEADER}\n${ROWS.join('\n')}\n`;
const SECRETS = ['Qm4#tW8$zK', 'Lp6!vX3%nB', '946025', 'Zr7&kN2@wD', 'Tg5*hJ9^mC', '381749', 'Xc5%vB8!nM', 'Wq2@rT7&kP', '520618', 'Ph0ne#Pw9'];

function table() {
  const fd = parsed(TEXT, 'portsip-v22');
  const result = service().validate(TEXT, { dialect: 'portsip-v22' });
  return { fd, result, problems: new ProblemIndex(fd, result.problems) };
}

describe('the table\'s columns', () => {
  test('every header cell, whether the dialect knows it, whether it is JSON or secret, and the header\'s problems', () => {
    const { fd, problems } = table();
    const columns = tableColumns(fd, problems);
    assert.deepEqual(
      columns.map((c) => [c.name, c.known, c.json, c.secret, c.severity ?? '']),
      [
        ['name', true, false, false, ''],
        ['enabled', true, false, false, ''],
        ['password', true, false, true, ''],
        ['extension_number', true, false, false, ''],
        ['extension_password', true, false, true, ''],
        ['email', true, false, false, ''],
        ['voicemail_pin', true, false, true, ''],
        ['offline_office_hours_forward_rule', true, true, false, ''],
        ['phones', true, true, false, ''],
        ['nickname', false, false, false, 'warning'],
      ],
    );
    assert.equal(columns[9].messages?.length, 1);
    assert.match(columns[9].messages![0], /^Warning: .*nickname.*\(header-unknown-column\)$/);
  });
});

describe('the table\'s rows', () => {
  test('what each cell of row 1 shows: secrets masked, JSON compact with the pretty document (its password masked) on hover', () => {
    const { fd, problems } = table();
    const [row] = tableRows(fd, undefined, 0, 1, problems);
    assert.deepEqual([row.record, row.line, row.name, row.broken, row.severity], [1, 1, 'jim1', false, undefined]);
    const maskedPhone = JSON.stringify([{ ...PHONE_FIELDS, password: MASK }]);
    assert.deepEqual(row.cells.map((c) => c.text), [
      'jim1',
      'TRUE',
      MASK,
      '2001',
      MASK,
      'jim1@example.com',
      MASK,
      '{"action":"FORWARD_TO_VOICEMAIL"}',
      `${maskedPhone.slice(0, 79)}…`,
      'Jimmy',
    ]);
    assert.deepEqual(row.cells.map((c) => c.masked === true), [false, false, true, false, true, false, true, false, false, false]);
    assert.equal(row.cells[8].full, JSON.stringify([{ ...PHONE_FIELDS, password: MASK }], null, 2));
    for (const secret of SECRETS) assert.ok(!JSON.stringify(row).includes(secret), 'no secret in the row');
  });

  test('cells with problems carry their worst severity and messages; a line break shows as ↵', () => {
    const { fd, problems } = table();
    const [row] = tableRows(fd, undefined, 1, 1, problems);
    assert.equal(row.record, 2);
    const tinted = row.cells.map((c, i) => [i, c.severity]).filter(([, severity]) => severity !== undefined);
    // `yes` is not a boolean; FORWARD_TO_NUMBER without a number.
    assert.deepEqual(tinted, [
      [1, 'error'],
      [7, 'error'],
    ]);
    assert.match(row.cells[1].messages![0], /^Error: .*"yes".*\(value-boolean\)$/);
    assert.deepEqual(row.cells[7].messages, ['Error: number is required when action is FORWARD_TO_NUMBER (json-number-required)']);
    assert.deepEqual([row.cells[9].text, row.cells[9].full], ['two↵lines', 'two\nlines']);
  });

  test('a run of rows, and of the rows a filter kept', () => {
    const { fd } = table();
    assert.deepEqual(tableRows(fd, undefined, 1, 5).map((r) => r.record), [2, 3]);
    assert.deepEqual(tableRows(fd, [3, 1], 0, 2).map((r) => r.record), [3, 1]);
    assert.deepEqual(tableRows(fd, undefined, 3, 5), []);
  });

  test('a row whose cells do not line up with the header shows every value masked', () => {
    const text = `${HEADER}\njim1,TRUE,Qm4#tW8$zK,2001,,jim1@example.com,,,,Jimmy,extra\n`;
    const [row] = tableRows(parsed(text, 'portsip-v22'), undefined, 0, 1);
    assert.equal(row.broken, true);
    assert.equal(row.name, 'Row 1');
    // Empty cells stay empty; every other value is masked, whatever its column.
    assert.deepEqual(row.cells.map((c) => c.text), [MASK, MASK, MASK, MASK, '', MASK, '', '', '', MASK, MASK]);
  });
});

describe('filters', () => {
  test('no filter keeps every row (undefined: no list to keep)', () => {
    const { fd, problems } = table();
    assert.equal(filterRecords(fd, {}, problems), undefined);
    assert.equal(filterRecords(fd, { problemsOnly: false, text: '  ' }, problems), undefined);
  });

  test('only rows with problems', () => {
    const { fd, problems } = table();
    assert.deepEqual(filterRecords(fd, { problemsOnly: true }, problems), [2]);
  });

  test('a text, letter case ignored, in any shown value; with the problems filter, both must hold', () => {
    const { fd, problems } = table();
    assert.deepEqual(filterRecords(fd, { text: 'JIMMY' }, problems), [1]);
    assert.deepEqual(filterRecords(fd, { text: 'forward_to' }, problems), [1, 2]);
    assert.deepEqual(filterRecords(fd, { text: 'forward_to', problemsOnly: true }, problems), [2]);
    assert.deepEqual(filterRecords(fd, { text: '"action"' }, problems), [1, 2]);
  });

  test('secrets are never found: not a password column, not a password inside JSON', () => {
    const { fd, problems } = table();
    for (const secret of SECRETS) assert.deepEqual(filterRecords(fd, { text: secret }, problems), [], secret);
    assert.deepEqual(filterRecords(fd, { text: 'fanvil' }, problems), [1], 'the rest of the phone is found');
  });
});
