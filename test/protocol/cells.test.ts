// Cell editing through the real server (its bin entry, over stdio): the cursor's column, a JSON cell taken
// out and written back (and the refusals), the checks of the JSON tab, and the rows of the table preview.
// Positions are worked out by hand from the texts below (one line per record, ASCII only).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import type {
  CursorResult,
  JsonCellResult,
  JsonCheckResult,
  RowCellEntry,
  TableResult,
  WriteJsonCellResult,
} from '../../server/src/lsp/cellProtocol';
import { LspTestClient } from './lspTestClient';

const HEADER = 'name,enabled,password,extension_number,extension_password,email,voicemail_pin,office_hours,offline_office_hours_forward_rule';
const ROW1 = 'jim1,TRUE,Qm4#tW8$zK,2001,Lp6!vX3%nB,jim1@example.com,946025,"{""mode"":""GLOBAL""}","{""action"":""FORWARD_TO_VOICEMAIL""}"';
const ROW2 = 'ann2,TRUE,Zr7&kN2@wD,2002,Tg5*hJ9^mC,ann2@example.com,381749,,"{""action"":""FORWARD_TO_NUMBER""}"';
const TEXT = `${HEADER}\n${ROW1}\n${ROW2}\n`;
/** office_hours of row 1 on line 1: after `jim1,…,946025,`. */
const OFFICE_START = 'jim1,TRUE,Qm4#tW8$zK,2001,Lp6!vX3%nB,jim1@example.com,946025,'.length;
const OFFICE_RAW = '"{""mode"":""GLOBAL""}"';
const OFFICE_RANGE = { start: { line: 1, character: OFFICE_START }, end: { line: 1, character: OFFICE_START + OFFICE_RAW.length } };
const OFFICE_HOURS = 7;

describe('cell editing over LSP (stdio)', () => {
  let client: LspTestClient;
  let counter = 0;
  const freshUri = () => `file:///workspace/cells-${++counter}.csv`;
  const request = <R>(method: string, params: unknown): Promise<R> => client.connection.sendRequest(method, params);

  before(async () => {
    client = await LspTestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  test('the cursor\'s column, and inside JSON its path', async () => {
    const uri = freshUri();
    await client.openAndSettle(uri, TEXT);
    const plain: CursorResult = await request('pbxUserCsv/cursor', { uri, position: { line: 2, character: 6 } });
    assert.deepEqual(plain, { record: 2, column: 1, columnCount: 9, name: 'enabled', known: true, editableAsJson: false, rowName: 'ann2' });
    // Inside ""mode"": the cursor on its `o`.
    const inJson: CursorResult = await request('pbxUserCsv/cursor', { uri, position: { line: 1, character: OFFICE_START + 5 } });
    assert.deepEqual([inJson.name, inJson.column, inJson.jsonPath, inJson.editableAsJson], ['office_hours', 7, 'mode', true]);
  });

  test('the cells of a row with their content ranges; the password hidden', async () => {
    const uri = freshUri();
    await client.openAndSettle(uri, TEXT);
    const cells: RowCellEntry[] = await request('pbxUserCsv/rowCells', { uri, record: 1 });
    assert.deepEqual(cells[2], { column: 2, name: 'password', text: '••••••', masked: true, range: { start: { line: 1, character: 10 }, end: { line: 1, character: 20 } } });
    assert.deepEqual(cells[OFFICE_HOURS].range, { start: { line: 1, character: OFFICE_START + 1 }, end: { line: 1, character: OFFICE_START + OFFICE_RAW.length - 1 } });
  });

  test('a JSON cell taken out, by position or by row and column', async () => {
    const uri = freshUri();
    await client.openAndSettle(uri, TEXT);
    const expected: JsonCellResult = {
      version: 1,
      cell: {
        record: 1,
        column: OFFICE_HOURS,
        columnName: 'office_hours',
        rowName: 'jim1',
        range: OFFICE_RANGE,
        raw: OFFICE_RAW,
        json: '{\n  "mode": "GLOBAL"\n}',
        empty: false,
        schemaUri: '',
        builtInSchema: 'portsip-office-hours',
      },
    };
    const byPosition: JsonCellResult = await request('pbxUserCsv/jsonCell', { uri, position: { line: 1, character: OFFICE_START + 3 } });
    assert.match(byPosition.cell!.schemaUri, /\/schemas\/json\/portsip-office-hours\.schema\.json$/);
    assert.deepEqual({ ...byPosition, cell: { ...byPosition.cell, schemaUri: '' } }, expected);
    const byAddress: JsonCellResult = await request('pbxUserCsv/jsonCell', { uri, record: 1, column: OFFICE_HOURS });
    assert.deepEqual(byAddress, byPosition);
    const notJson: JsonCellResult = await request('pbxUserCsv/jsonCell', { uri, position: { line: 1, character: 1 } });
    assert.deepEqual(notJson, { version: 1, refused: 'name is not a JSON column' });
  });

  test('written back: the new cell text; the document with it holds the JSON; the CSV then reports its problem', async () => {
    const uri = freshUri();
    await client.openAndSettle(uri, TEXT);
    const json = '{\n  "mode": "CUSTOM",\n  "monday": {"enabled": true, "ranges": [{"from": "18:00", "to": "09:00"}]}\n}';
    const write: WriteJsonCellResult = await request('pbxUserCsv/writeJsonCell', { uri, version: 1, range: OFFICE_RANGE, column: OFFICE_HOURS, raw: OFFICE_RAW, json });
    const cellText = '"{""mode"":""CUSTOM"",""monday"":{""enabled"":true,""ranges"":[{""from"":""18:00"",""to"":""09:00""}]}}"';
    assert.deepEqual(write, { cellText });
    // The client applies it as an edit of the document.
    const since = client.diagnostics.length;
    await client.change(uri, 2, [{ range: OFFICE_RANGE, text: cellText }]);
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'json-time-order'), since);
    const timeOrder = published.diagnostics.find((d) => d.code === 'json-time-order')!;
    const to = OFFICE_START + cellText.lastIndexOf('""09:00""');
    assert.deepEqual(timeOrder.range, { start: { line: 1, character: to }, end: { line: 1, character: to + '""09:00""'.length } });
    const again: JsonCellResult = await request('pbxUserCsv/jsonCell', { uri, record: 1, column: OFFICE_HOURS });
    assert.equal(again.cell?.raw, cellText);
    assert.equal(again.cell?.json, '{\n  "mode": "CUSTOM",\n  "monday": {\n    "enabled": true,\n    "ranges": [\n      {\n        "from": "18:00",\n        "to": "09:00"\n      }\n    ]\n  }\n}');
  });

  test('refused: a version the server has not got, a cell that changed, JSON with a syntax error', async () => {
    const uri = freshUri();
    await client.openAndSettle(uri, TEXT);
    const params = { uri, version: 1, range: OFFICE_RANGE, column: OFFICE_HOURS, raw: OFFICE_RAW, json: '{"mode": "CUSTOM"}' };
    assert.deepEqual(await request('pbxUserCsv/writeJsonCell', { ...params, version: 7 }), { refused: 'stale' });
    assert.deepEqual(await request('pbxUserCsv/writeJsonCell', { ...params, json: '{"mode": "CUSTOM"' }), {
      refused: 'syntax',
      message: "line 1, column 17: Invalid JSON: the object is not closed: '}' is missing at the end",
      position: { line: 0, character: 16 }, // the last character, the closing quote of "CUSTOM"
    });
    // GLOBAL → GLOBE inside the cell.
    const global = OFFICE_START + '"{""mode"":""'.length;
    await client.change(uri, 2, [{ range: { start: { line: 1, character: global + 4 }, end: { line: 1, character: global + 6 } }, text: 'E' }]);
    assert.deepEqual(await request('pbxUserCsv/writeJsonCell', { ...params, version: 2, range: { ...OFFICE_RANGE, end: { line: 1, character: OFFICE_RANGE.end.character - 1 } } }), {
      refused: 'changed',
      message: 'the cell changed in the CSV since it was opened',
    });
  });

  test('the JSON tab\'s checks: the semantic ones at the key, in the JSON\'s lines; the schema\'s when asked', async () => {
    const uri = freshUri();
    await client.openAndSettle(uri, TEXT);
    const json = '{\n  "mode": "CUSTOM",\n  "monday": {\n    "enabled": true,\n    "ranges": [{"from": "18:00", "to": "09:00"}]\n  },\n  "tuesday": 5\n}';
    const semantic: JsonCheckResult = await request('pbxUserCsv/checkJson', { uri, column: OFFICE_HOURS, json, schemaErrors: false });
    // Line 4 is `    "ranges": [{"from": "18:00", "to": "09:00"}]`: "09:00" is characters 39–45.
    assert.deepEqual(
      semantic.diagnostics.map((d: Diagnostic) => [d.code, d.severity, d.source, d.range]),
      [['json-time-order', 1, 'pbx-user-csv', { start: { line: 4, character: 39 }, end: { line: 4, character: 46 } }]],
    );
    const withSchema: JsonCheckResult = await request('pbxUserCsv/checkJson', { uri, column: OFFICE_HOURS, json, schemaErrors: true });
    assert.deepEqual(
      withSchema.diagnostics.map((d: Diagnostic) => [d.code, d.range.start.line]),
      [
        ['json-time-order', 4],
        ['json-type', 6],
      ],
    );
    const notJson: JsonCheckResult = await request('pbxUserCsv/checkJson', { uri, column: 0, json, schemaErrors: true });
    assert.deepEqual(notJson, { diagnostics: [] });
  });

  test('the JSON tab\'s MACs are compared with the other rows\' phones, as the CSV\'s are', async () => {
    const uri = freshUri();
    const header = 'name,enabled,password,extension_number,extension_password,email,voicemail_pin,phones';
    const jim = 'jim1,TRUE,Qm4#tW8$zK,2001,Lp6!vX3%nB,jim1@example.com,946025,"[{""mac"":""0c:38:3e:63:fe:e8""}]"';
    const ann = 'ann2,TRUE,Zr7&kN2@wD,2002,Tg5*hJ9^mC,ann2@example.com,381749,"[{""mac"":""cc:5e:f8:41:b7:95""}]"';
    await client.openAndSettle(uri, `${header}\n${jim}\n${ann}\n`);
    const PHONES = 7;
    const check = async (json: string, record?: number) =>
      ((await request('pbxUserCsv/checkJson', { uri, column: PHONES, record, json, schemaErrors: false })) as JsonCheckResult).diagnostics.map((d: Diagnostic) => [d.code, d.severity, d.message, d.range]);
    // Line 1 of the tab is `  {"mac": "0c:38:3e:63:fe:e8"}`: the MAC is characters 11–27.
    const jimsMac = '[\n  {"mac": "0c:38:3e:63:fe:e8"}\n]';
    assert.deepEqual(await check(jimsMac, 2), [
      ['json-duplicate-mac', 1, 'MAC 0c:38:3e:63:fe:e8 is also used on line 2: provisioning will fail', { start: { line: 1, character: 11 }, end: { line: 1, character: 28 } }],
    ]);
    // In jim's own cell, the MAC it replaces is not another phone; ann's tab keeping her own MAC is fine too.
    assert.deepEqual(await check(jimsMac, 1), []);
    assert.deepEqual(await check('[{"mac": "cc:5e:f8:41:b7:95"}]', 2), []);
    // A client that does not say which cell the JSON is for gets the checks of the text alone.
    assert.deepEqual(await check(jimsMac), []);
  });

  test('the table: columns, row counts, rows with what they show and their problems, filters', async () => {
    const uri = freshUri();
    await client.openAndSettle(uri, TEXT);
    const first: TableResult = await request('pbxUserCsv/table', { uri, from: 0, count: 10, withColumns: true });
    assert.deepEqual([first.version, first.dialect, first.total, first.rowCount, first.checked, first.rowsWithProblems], [1, 'PortSIP PBX v22.x', 2, 2, true, 1]);
    assert.deepEqual(first.columns?.map((c) => c.name), HEADER.split(','));
    assert.deepEqual(first.rows.map((r) => [r.record, r.name, r.cells[OFFICE_HOURS].text, r.cells[2].text]), [
      [1, 'jim1', '{"mode":"GLOBAL"}', '••••••'],
      [2, 'ann2', '', '••••••'],
    ]);
    // Row 2's forward rule needs a number.
    assert.deepEqual(
      first.rows[1].cells.map((c, i) => [i, c.severity]).filter(([, s]) => s),
      [[8, 'error']],
    );
    const problemsOnly: TableResult = await request('pbxUserCsv/table', { uri, from: 0, count: 10, problemsOnly: true });
    assert.deepEqual([problemsOnly.total, problemsOnly.rows.map((r) => r.record), problemsOnly.columns], [1, [2], undefined]);
    const byText: TableResult = await request('pbxUserCsv/table', { uri, from: 0, count: 10, text: 'JIM1@' });
    assert.deepEqual([byText.total, byText.rows.map((r) => r.record)], [1, [1]]);
    const secret: TableResult = await request('pbxUserCsv/table', { uri, from: 0, count: 10, text: 'Zr7&kN2@wD' });
    assert.equal(secret.total, 0);
  });

  test('a file that is not a user CSV: no cursor, no JSON cell, an empty table without a dialect', async () => {
    const uri = freshUri();
    await client.openAndSettle(uri, 'sku,description\nA-100,Desk phone\n');
    assert.equal(await request('pbxUserCsv/cursor', { uri, position: { line: 1, character: 2 } }), null);
    assert.equal(await request('pbxUserCsv/jsonCell', { uri, position: { line: 1, character: 2 } }), null);
    assert.deepEqual(await request('pbxUserCsv/table', { uri, from: 0, count: 10, withColumns: true }), { version: 1, total: 0, rowCount: 0, checked: true, rows: [] });
  });
});
