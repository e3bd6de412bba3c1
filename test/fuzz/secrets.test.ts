// Fuzz target for secrets: rows with random secret values in every secret column of a dialect (in a random
// order of the columns), each row intact or given one random structural damage — a quote, a comma or a
// line break inserted, or a comma deleted, anywhere in the row — so that secrets land in random other
// columns. No output of any front may contain a secret: the core's messages, related information and data,
// hovers, outline symbols and quick-fix titles, the editing session's result, the CLI's text, JSON and SARIF
// (main() in process), and the diagnostics, hovers and symbols of the real server over stdio. Fixed seed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { main } from '../../server/src/cli/main';
import { LineIndex, type Problem } from '../../server/src/service';
import { LspTestClient } from '../protocol/lspTestClient';
import { leakedSecrets, plainValue } from '../support/secrets';
import { editorOf, typed } from '../support/validation';
import { BUILT_IN, service } from './coreHarness';
import { SEED } from './fuzzSupport';

/** Passwords (never a comma, quote, brace or line break: the damage is what moves them) and PIN-like digits. */
const secretValue = fc.oneof(fc.stringMatching(/^Sx[A-Za-z0-9!#$%&*.]{6,12}$/), fc.stringMatching(/^9[0-9]{7,9}$/));

const damage = fc.record({
  kind: fc.constantFrom('none', 'insert quote', 'insert comma', 'delete comma', 'insert line break'),
  at: fc.nat(),
});

interface SecretsCase {
  dialect: string;
  text: string;
  secrets: string[];
}

/** One damage to a row's text: the row has another number of cells than the header, or a CSV error. */
function damaged(row: string, { kind, at }: { kind: string; at: number }): string {
  const position = at % (row.length + 1);
  switch (kind) {
    case 'insert quote':
      return row.slice(0, position) + '"' + row.slice(position);
    case 'insert comma':
      return row.slice(0, position) + ',' + row.slice(position);
    case 'insert line break':
      return row.slice(0, position) + '\n' + row.slice(position);
    case 'delete comma': {
      const commas = [...row.matchAll(/,/g)].map((m) => m.index);
      if (commas.length === 0) return row;
      const comma = commas[at % commas.length];
      return row.slice(0, comma) + row.slice(comma + 1);
    }
    default:
      return row;
  }
}

const secretsCase: fc.Arbitrary<SecretsCase> = fc
  .constantFrom(...BUILT_IN)
  .chain((id) => {
    const dialect = service.dialect!(id)!;
    const secretColumns = dialect.columns.filter((c) => c.secret);
    const others = dialect.columns.filter((c) => !c.secret);
    return fc.record({
      dialect: fc.constant(id),
      columns: fc
        .tuple(fc.subarray(others, { minLength: Math.min(3, others.length) }), fc.constant(secretColumns))
        .chain(([picked, secret]) => fc.shuffledSubarray([...picked, ...secret], { minLength: picked.length + secret.length })),
      rows: fc.array(fc.tuple(fc.array(secretValue, { minLength: secretColumns.length, maxLength: secretColumns.length }), damage), { minLength: 1, maxLength: 3 }),
    });
  })
  .map(({ dialect: id, columns, rows }) => {
    const dialect = service.dialect!(id)!;
    const secrets: string[] = [];
    const lines = [columns.map((c) => c.name).join(',')];
    for (const [values, hurt] of rows) {
      let next = 0;
      const cells = columns.map((column) => {
        if (!column.secret) return plainValue(column, dialect);
        const secret = values[next++];
        secrets.push(secret);
        return secret;
      });
      lines.push(damaged(cells.join(','), hurt));
    }
    return { dialect: id, text: lines.join('\n') + '\n', secrets };
  });

function problemsText(problems: readonly Problem[]): string {
  return JSON.stringify(problems.map((p) => [p.message, p.related?.map((r) => r.message), p.data]));
}

function assertKept(output: string, secrets: readonly string[], what: string, text: string): void {
  const leaked = leakedSecrets(output, secrets);
  if (leaked.length > 0) assert.fail(`${what} shows ${JSON.stringify(leaked)} of ${JSON.stringify(text)}:\n${output.slice(0, 2000)}`);
}

const root = mkdtempSync(path.join(tmpdir(), 'pbx-secrets-fuzz-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('secrets never reach any output (fuzz)', () => {
  test('the core: validation, editing session, hover, symbols, quick fixes', () => {
    fc.assert(
      fc.property(secretsCase, ({ dialect, text, secrets }) => {
        for (const options of [{ dialect }, {}]) {
          const problems = service.validate(text, options).problems;
          assertKept(problemsText(problems), secrets, `validate (${options.dialect ?? 'detected'})`, text);
          const firstRow = text.indexOf('\n') + 1;
          assertKept(problemsText(typed(text.slice(0, firstRow), firstRow, text.slice(firstRow), options, service)), secrets, 'the editing session', text);
          const editor = editorOf(text, options, service);
          assertKept(JSON.stringify(editor.symbols()), secrets, 'document symbols', text);
          const titles = editor.codeActions(problems).map((action) => action.title);
          assertKept(JSON.stringify(titles), secrets, 'quick-fix titles', text);
          for (let offset = 0; offset <= text.length; offset += 2) {
            const hover = editor.hover(offset);
            if (hover) assertKept(hover.contents, secrets, `hover at ${offset}`, text);
          }
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  test('the CLI in every format', () => {
    let run = 0;
    fc.assert(
      fc.property(secretsCase, ({ dialect, text, secrets }) => {
        const file = path.join(root, `users-${run++}.csv`);
        writeFileSync(file, text);
        for (const format of ['text', 'json', 'sarif']) {
          for (const dialectArgs of [['--dialect', dialect], []]) {
            let output = '';
            const io = { cwd: root, stdout: (chunk: string) => void (output += chunk), stderr: (chunk: string) => void (output += chunk) };
            main(['validate', '--format', format, ...dialectArgs, file], io);
            assertKept(output, secrets, `the CLI (${format}, ${dialectArgs[1] ?? 'detected'})`, text);
          }
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});

describe('secrets never reach the LSP client (fuzz, real server over stdio)', () => {
  let client: LspTestClient;
  before(async () => {
    const dialects = Object.fromEntries(BUILT_IN.map((id) => [`${id}/**`, id]));
    client = await LspTestClient.start({ settings: { dialects }, workspaceFolders: [{ uri: 'file:///fuzz', name: 'fuzz' }] });
  });
  after(async () => {
    await client.stop();
  });

  test('diagnostics, hovers and symbols', async () => {
    const cases = fc.sample(secretsCase, { seed: SEED, numRuns: 12 });
    for (const [i, { dialect, text, secrets }] of cases.entries()) {
      const uri = `file:///fuzz/${dialect}/case-${i}.csv`;
      const published = await client.openAndSettle(uri, text);
      assertKept(JSON.stringify(published.diagnostics), secrets, `diagnostics of ${uri}`, text);
      assertKept(JSON.stringify(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })), secrets, 'symbols', text);
      const index = new LineIndex(text);
      for (let offset = 0; offset < text.length; offset += 5) {
        const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: index.positionAt(offset) });
        assertKept(JSON.stringify(hover), secrets, `hover at ${offset}`, text);
      }
    }
  });
});
