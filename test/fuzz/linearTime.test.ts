// Time stays linear in the size of the input (doubling it costs ≤ 3× the CPU time; quadratic would be 4×), for the CSV model and for
// validation, on floods of quotes, cells, lines, columns, long cells and deeply nested JSON.
import { describe, test } from 'node:test';
import { createNodeLanguageService } from '../../server/src/node/resources';
import { CsvModel } from '../../server/src/service/csv/model';
import { PORTSIP_HEADER, assertLinear, portsipFile, portsipRow, xivoFile } from './fuzzSupport';

const service = createNodeLanguageService();

describe('time grows linearly with the input', () => {
  const parse = (text: string) => void new CsvModel(text);
  const validatePortsip = (text: string) => void service.validate(text, { dialect: 'portsip-v22' });
  const validateAuto = (text: string) => void service.validate(text);

  test('the CSV model on quote soups, cell and line floods', () => {
    assertLinear('unterminated quote over many lines', (n) => '"' + 'a,b\n'.repeat(n), parse);
    assertLinear('quotes inside unquoted cells', (n) => 'a"b,'.repeat(n), parse);
    assertLinear('text after closing quotes', (n) => '"a"b,'.repeat(n), parse);
    assertLinear('only quotes', (n) => '"'.repeat(n), parse);
    assertLinear('lone CRs', (n) => 'x\r'.repeat(n), parse);
    assertLinear('one row of empty cells', (n) => ','.repeat(n), parse);
  });

  test('validate on growing real files', () => {
    assertLinear('PortSIP rows', (n) => portsipFile(n), validateAuto, { startN: 50, maxN: 20_000 });
    assertLinear('XiVO rows', (n) => xivoFile(n), validateAuto, { startN: 200, maxN: 200_000 });
  });

  test('validate on pathological cells and headers', () => {
    const inDisplayName = (cell: string) => `${PORTSIP_HEADER}\n${portsipRow(1).replace(',Jim Keeny,', `,${cell},`)}\n`;
    const inPhones = (cell: string) => `${PORTSIP_HEADER}\n${portsipRow(1).replace(/,"\[\{.*$/, `,"${cell}"`)}\n`;
    assertLinear('long name-like cell', (n) => `${PORTSIP_HEADER}\n${portsipRow(1).replace('jim_keeny_1', 'a'.repeat(n) + '!')}\n`, validatePortsip);
    assertLinear('long display_name', (n) => inDisplayName('ab '.repeat(n)), validatePortsip);
    assertLinear('deeply nested JSON', (n) => inPhones('['.repeat(n)), validatePortsip);
    assertLinear('long JSON string', (n) => inPhones(`[{""mac"":""${'0c:'.repeat(n)}""}]`), validatePortsip);
    assertLinear('many JSON array items', (n) => inPhones(`[${'{},'.repeat(n)}{}]`), validatePortsip);
    assertLinear('wide header of unknown columns', (n) => Array.from({ length: n }, (_, i) => `c${i}`).join(',') + ',extension_number,office_hours\n', validatePortsip, { startN: 100, maxN: 200_000 });
    assertLinear('many short rows', (n) => `${PORTSIP_HEADER}\n` + 'x\n'.repeat(n), validatePortsip);
  });
});
