// Robustness of the core on random and mutated CSVs: parseCsv and validate (every dialect forced, and
// auto-detected) never throw and every span lies inside the document. fast-check runs with a fixed seed and a
// bounded number of runs, so the test is repeatable and takes seconds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BUILT_IN, parseChecked, service, validateEverywhere } from './coreHarness';
import { PORTSIP_HEADER, SEED, XIVO_HEADER, portsipFile, xivoFile } from './fuzzSupport';

// Pieces that break naive CSV and JSON handling: quotes, every line-break style, BOM, NUL and other controls,
// lone and paired surrogates, JSON punctuation, formula starters.
const TOKENS = [
  '"', '""', ',', '\r', '\n', '\r\n', '\n\r', '\uFEFF', '\0', '\u0001', '\u001f', '\u007f', '\u0085', '\u2028',
  '\uD800', '\uDC00', '\uDBFF\uDFFF', '\uD83D\uDE00', 'a', 'TRUE', 'é', ' ', '\t', ';', '{', '}', '[', ']', ':',
  '\\', '"{""', '""}"', '=1+1', '+', '-', '@', '0c:38:3e:63:fe:e8', '9999999999999999999999',
];
const tokenText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((parts) => parts.join(''));
const anyText = fc.oneof(tokenText, fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: fc.constantFrom('"', ',', '\r', '\n', 'x'), maxLength: 80 }));

// Valid files of each family, to be mutated: a mutated real file reaches the column rules, not only the parser.
const BASES = [
  portsipFile(3),
  portsipFile(2).replace(/\n/g, '\r\n'),
  '\uFEFF' + portsipFile(2),
  xivoFile(3),
  xivoFile(2).replace(/\n/g, '\r'),
  `${XIVO_HEADER},uuid\n1,John,Doe,1000,default,sip,,,,0b9f0e4a-59b6-4a41-8e62-1c5c1a6a1f0e\n`,
];
const mutation = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('insert', 'delete', 'replace', 'duplicate'),
  token: fc.constantFrom(...TOKENS),
  length: fc.integer({ min: 1, max: 40 }),
});
const mutatedFile = fc.tuple(fc.constantFrom(...BASES), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([base, edits]) => {
  let text = base;
  for (const e of edits) {
    const at = e.at % (text.length + 1);
    if (e.kind === 'insert') text = text.slice(0, at) + e.token + text.slice(at);
    else if (e.kind === 'delete') text = text.slice(0, at) + text.slice(at + e.length);
    else if (e.kind === 'replace') text = text.slice(0, at) + e.token + text.slice(at + e.length);
    else text = text.slice(0, at) + text.slice(at, at + e.length) + text.slice(at);
  }
  return text;
});

describe('core never throws and keeps spans inside the document', () => {
  test('the built-in dialects are offered, so each is forced below', () => {
    const offered = service.dialects().map((d) => d.id);
    for (const id of BUILT_IN) assert.ok(offered.includes(id), `dialect ${id} offered (got ${offered.join(', ')})`);
  });

  test('the CSV model on random text', () => {
    fc.assert(fc.property(anyText, parseChecked), { seed: SEED, numRuns: 1500 });
  });

  test('the CSV model and validate on mutated PortSIP and XiVO files', () => {
    fc.assert(
      fc.property(mutatedFile, (text) => {
        parseChecked(text);
        validateEverywhere(text);
      }),
      { seed: SEED, numRuns: 120 },
    );
  });

  test('validate on random text after a real header', () => {
    const withHeader = fc.tuple(fc.constantFrom(PORTSIP_HEADER, XIVO_HEADER, ''), fc.constantFrom('\n', '\r\n', '\r'), anyText).map(([h, nl, body]) => h + nl + body);
    fc.assert(fc.property(withHeader, (text) => validateEverywhere(text)), { seed: SEED, numRuns: 150 });
  });

  test('degenerate files: empty, BOM only, line breaks only, one quote', () => {
    for (const text of ['', '\uFEFF', '\r\n\r\n', '\n', '\r', '"', '""', '"\uFEFF', '\uFEFF"', ',', '\0', '\uD800']) {
      parseChecked(text);
      validateEverywhere(text);
    }
  });
});

