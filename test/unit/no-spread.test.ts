// Passing an array's elements as call arguments (`push(...rows)`, `splice(i, n, ...rows)`,
// `Math.max(...xs)`, `fn.apply(null, xs)`) puts every element on the stack: past about 125,000 elements
// it throws a RangeError, which once made a large file look clean in the editor. This test reads the
// sources with the TypeScript parser and fails on any such call. A call whose arguments are truly bounded
// may say so with a `spread-ok: <why>` comment on its line or the line above.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { findSchemasDirectory } from '../../server/src/node/resources';

const repoRoot = path.dirname(findSchemasDirectory()!);
const SCANNED = ['server/src', 'client/src', 'scripts'];
const ESCAPE = 'spread-ok:';

function sourceFiles(directory: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') for (const file of sourceFiles(full)) found.push(file);
    } else if (/\.(ts|mts|cts|mjs|cjs|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      found.push(full);
    }
  }
  return found;
}

/** `file:line: text` of every call that spreads its arguments or uses `.apply`, without an escape comment. */
export function spreadCalls(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const lines = text.split('\n');
  const found: string[] = [];
  const excused = (line: number): boolean => lines[line].includes(ESCAPE) || (line > 0 && lines[line - 1].includes(ESCAPE));
  const report = (node: ts.Node): void => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
    if (!excused(line)) found.push(`${path.relative(repoRoot, fileName)}:${line + 1}: ${lines[line].trim()}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isSpreadElement(node) && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))) report(node);
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'apply' && node.arguments.length >= 2) {
      report(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no spread of arrays into call arguments', () => {
  test('the scanner finds spread calls and .apply, and allows array literals, rest parameters and excused lines', () => {
    const sample = [
      'a.push(...rows);',
      'rows.splice(1, 2, ...more);',
      'const m = Math.max(0, ...xs);',
      'f.apply(null, xs);',
      'new Set(...args);',
      'const copy = [...rows, ...more];',
      'function g(...rest: number[]) { return rest; }',
      'const [head, ...tail] = rows;',
      'const o = { ...p };',
      '// spread-ok: three fixed strings',
      'lines.push(...["a", "b", "c"]);',
    ].join('\n');
    const found = spreadCalls(path.join(repoRoot, 'sample.ts'), sample).map((f) => f.split(': ')[0]);
    assert.deepEqual(found, ['sample.ts:1', 'sample.ts:2', 'sample.ts:3', 'sample.ts:4', 'sample.ts:5']);
  });

  test('server, client and scripts have none', () => {
    const files = SCANNED.flatMap((dir) => sourceFiles(path.join(repoRoot, dir)));
    assert.ok(files.length > 50, `the sources are found (${files.length} files)`);
    const found = files.flatMap((file) => spreadCalls(file, readFileSync(file, 'utf8')));
    assert.deepEqual(found, [], 'use appendAll/spliceAll (server/src/service/arrays.ts) or a loop');
  });
});
