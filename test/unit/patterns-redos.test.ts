// ReDoS: the built-in patterns run as JavaScript RegExps, so each must be free of catastrophic
// backtracking. recheck (a ReDoS analyser: automata theory, then fuzzing) checks every pattern of the
// dialect files and JSON Schemas, and the regular expression literals of the core's own sources. Custom
// dialects' patterns need no such check: they run on RE2's linear-time engine (see dialects.test.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { findSchemasDirectory } from '../../server/src/node/resources';
import { builtInPatterns } from '../support/patterns';

const SCHEMAS = findSchemasDirectory()!;
const CORE = path.join(path.dirname(SCHEMAS), 'server', 'src', 'service');
/** Fixed, so that the fuzzing part of the analysis gives the same verdict on every run. */
const SEED = 12;

function verdict(source: string, flags: string): string {
  const result = checkSync(source, flags, { randomSeed: SEED, timeout: 20_000 });
  return result.status === 'vulnerable' ? `vulnerable (${result.complexity.summary}, e.g. ${result.attack.pattern})` : result.status;
}

/** The regular expression literals of the TypeScript files under `directory`: [file:line, source, flags]. */
function regexLiterals(directory: string): Array<[string, string, string]> {
  const found: Array<[string, string, string]> = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      for (const literal of regexLiterals(full)) found.push(literal);
      continue;
    }
    if (!entry.name.endsWith('.ts')) continue;
    const source = ts.createSourceFile(full, readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        const slash = text.lastIndexOf('/');
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.push([`${path.relative(CORE, full)}:${line}`, text.slice(1, slash), text.slice(slash + 1).replace(/[gy]/g, '')]);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('ReDoS analysis of the built-in patterns (recheck)', () => {
  test('the analyser flags catastrophic backtracking', () => {
    // Guards the guard: a pass below would mean nothing if this were not caught.
    assert.match(verdict('^(a+)+$', 'u'), /^vulnerable \(exponential/);
    assert.match(verdict('^(a|a)*b$', ''), /^vulnerable/);
    assert.equal(verdict('^[0-9]+$', 'u'), 'safe');
  });

  const { found, distinct } = builtInPatterns(SCHEMAS);
  test('patterns are found in the dialect files and in the JSON Schemas', () => {
    assert.ok(found.some((p) => p.file.endsWith('.dialect.json')));
    assert.ok(found.some((p) => p.file.startsWith('json')));
  });
  for (const pattern of distinct) {
    test(`${pattern.file} ${pattern.where}: /${pattern.source}/u is safe`, () => {
      assert.equal(verdict(pattern.source, 'u'), 'safe');
    });
  }

  test('every regular expression literal of the core is safe', () => {
    const literals = regexLiterals(CORE);
    assert.ok(literals.length > 10, `literals found: ${literals.length}`);
    const unsafe = literals.map(([where, source, flags]) => [where, `/${source}/${flags}`, verdict(source, flags)]).filter(([, , result]) => result !== 'safe');
    assert.deepEqual(unsafe, []);
  });
});
