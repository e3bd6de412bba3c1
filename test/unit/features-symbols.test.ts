// Outline: one symbol per data row, named after the user, capped for huge files.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { documentSymbols } from '../../server/src/service/features/index';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeLanguageService } from '../../server/src/node/resources';
import { parsed } from '../support/validation';

function symbolsOf(text: string, dialectId: string, max?: number) {
  return documentSymbols(parsed(text, dialectId), max);
}

describe('document symbols', () => {
  test('PortSIP: name, with the extension number as detail; ranges are the record and the name cell', () => {
    const text = 'name,extension_number,password\nalice,1001,Secret#1\nbob,1002,Secret#2\n';
    const { symbols, omitted } = symbolsOf(text, 'portsip-v22');
    assert.equal(omitted, 0);
    assert.deepEqual(symbols, [
      { name: 'alice', detail: '1001', start: 31, end: 50, selectionStart: 31, selectionEnd: 36 },
      { name: 'bob', detail: '1002', start: 51, end: 68, selectionStart: 51, selectionEnd: 54 },
    ]);
  });

  test('XiVO: firstname and lastname, with exten as detail; a row without names is "Row n"', () => {
    const text = 'entity_id,firstname,lastname,exten\n1,John,Doe,1000\n1,,,1001\n';
    const names = symbolsOf(text, 'xivo').symbols.map((s) => [s.name, s.detail]);
    assert.deepEqual(names, [
      ['John Doe', '1000'],
      ['Row 2', '1001'],
    ]);
  });

  test('a secret column never names a row', () => {
    const text = 'email,password\n,Secret#1\n';
    const { symbols } = symbolsOf(text, 'portsip-v22');
    assert.equal(symbols[0].name, 'Row 1');
  });

  test('beyond the cap the rows are counted, not listed', () => {
    const text = 'name,extension_number\na,1\nb,2\nc,3\n';
    const { symbols, omitted } = symbolsOf(text, 'portsip-v22', 2);
    assert.deepEqual(symbols.map((s) => s.name), ['a', 'b']);
    assert.equal(omitted, 1);
  });
});

describe('document symbols of a custom dialect', () => {
  function customService(extra: Record<string, unknown>) {
    const folder = mkdtempSync(join(tmpdir(), 'pbx-outline-'));
    const file = join(folder, 'acme.dialect.json');
    const columns = [
      { name: 'secret', type: 'string', secret: true },
      { name: 'login', type: 'string', required: true },
      { name: 'phone', type: 'string' },
    ];
    writeFileSync(file, JSON.stringify({ id: 'acme', label: 'ACME', description: 'ACME PBX users', detection: { family: 'acme', allOf: ['login'] }, columns, ...extra }));
    const custom = createNodeLanguageService({ customDialectFiles: [file] });
    assert.ok(custom.dialect('acme'), 'the custom dialect loads');
    return custom;
  }
  const text = 'secret,login,phone\nS3cr3t!,jdoe,555\n';

  test('its outline names the rows after the columns it lists', () => {
    const custom = customService({ outline: { name: ['login'], detail: 'phone' } });
    const [symbol] = documentSymbols(parsed(text, 'acme', custom)).symbols;
    assert.deepEqual([symbol.name, symbol.detail], ['jdoe', '555']);
  });

  test('without an outline, the first column that is not secret names the rows', () => {
    const custom = customService({});
    const [symbol] = documentSymbols(parsed(text, 'acme', custom)).symbols;
    assert.deepEqual([symbol.name, symbol.detail], ['jdoe', undefined]);
  });
});
