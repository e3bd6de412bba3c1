// The CSV TextMate grammar and language configuration: well-formed, wired in package.json, and every
// pattern is a valid regular expression (checked with JavaScript's engine after translating the two
// Oniguruma-only escapes the grammar uses).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot } from './lspTestClient';

const root = repositoryRoot();
const readJson = (relative: string) => JSON.parse(readFileSync(path.join(root, relative), 'utf8'));

type Rule = { match?: string; begin?: string; end?: string; patterns?: Rule[]; include?: string };

function collectRules(grammar: { patterns: Rule[]; repository: Record<string, Rule> }): Rule[] {
  const out: Rule[] = [];
  const visit = (rule: Rule) => {
    out.push(rule);
    rule.patterns?.forEach(visit);
  };
  grammar.patterns.forEach(visit);
  Object.values(grammar.repository).forEach(visit);
  return out;
}

function toJsRegExp(oniguruma: string): RegExp {
  return new RegExp(oniguruma.replace(/\\A/g, '^').replace(/\\x\{([0-9A-Fa-f]+)\}/g, '\\u{$1}'), 'u');
}

test('package.json contributes the grammar and language configuration files that exist', () => {
  const manifest = readJson('package.json');
  const [grammar] = manifest.contributes.grammars;
  assert.deepEqual(grammar, { language: 'csv', scopeName: 'text.csv.pbx', path: './syntaxes/csv.tmLanguage.json' });
  assert.equal(readJson(grammar.path).scopeName, 'text.csv.pbx');
  const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'csv');
  assert.deepEqual(language.extensions, ['.csv']);
  assert.ok(readJson(language.configuration).autoClosingPairs);
});

test('every include resolves and every pattern compiles', () => {
  const grammar = readJson('syntaxes/csv.tmLanguage.json');
  for (const rule of collectRules(grammar)) {
    if (rule.include) assert.ok(grammar.repository[rule.include.slice(1)], `include ${rule.include} resolves`);
    for (const source of [rule.match, rule.begin, rule.end]) {
      if (source !== undefined) assert.doesNotThrow(() => toJsRegExp(source), source);
    }
  }
});

test('quoted cells end at a lone quote, not at a doubled (escaped) one', () => {
  const { repository } = readJson('syntaxes/csv.tmLanguage.json');
  const end = toJsRegExp(repository['quoted-cell'].end);
  const cellBody = 'say ""hi"" now",next';
  const first = end.exec(cellBody.replace(/""/g, '__')); // escapes are consumed first by #escaped-quote
  assert.equal(first?.index, 14);
  assert.equal(toJsRegExp(repository['escaped-quote'].match).exec(cellBody)?.index, 4);
});

test('TRUE/FALSE and numbers are highlighted only as whole cells', () => {
  const { repository } = readJson('syntaxes/csv.tmLanguage.json');
  const boolean = new RegExp(toJsRegExp(repository.boolean.match).source, 'gu');
  assert.deepEqual('TRUE,xTRUE,FALSE,TRUEx,TRUE'.match(boolean), ['TRUE', 'FALSE', 'TRUE']);
  const number = new RegExp(toJsRegExp(repository.number.match).source, 'gu');
  assert.deepEqual('101,a1,+33123,12b,7'.match(number), ['101', '+33123', '7']);
});
