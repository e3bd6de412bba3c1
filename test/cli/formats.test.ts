// --format json and --format sarif: end to end on real files, and the formatters on hand-made outcomes
// (severity mapping, related locations, unreadable files); SARIF always checked against the official schema.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { makeTree, PORTSIP_HEADER, portsipRow, runCli, sarifValidator } from './helpers';
import type { CheckedFile, FileOutcome } from '../../server/src/cli/check';
import type { RunSummary } from '../../server/src/cli/format/types';
import { createJsonFormatter } from '../../server/src/cli/format/json';
import { createSarifFormatter } from '../../server/src/cli/format/sarif';
import { createTextFormatter } from '../../server/src/cli/format/text';

const validateSarif = sarifValidator();
const WITH_ERROR = `${PORTSIP_HEADER}\n${portsipRow('bob', '1002', { enabled: 'yes' })}\n`;
const TOOL = { name: 'pbx-user-csv', version: '9.8.7', informationUri: 'https://example.org/pbx-user-csv' };

function assertValidSarif(log: unknown): void {
  const ok = validateSarif(log);
  assert.ok(ok, JSON.stringify(validateSarif.errors, null, 2));
}

describe('--format json end to end', () => {
  test('one entry per file with 1-based ranges, and a summary', () => {
    const folder = makeTree({ 'users.csv': WITH_ERROR, 'cities.csv': 'city,population\nLyon,522000\n' });
    const run = runCli(['validate', '--format', 'json', '.'], folder);
    assert.equal(run.status, 1);
    const output = JSON.parse(run.stdout);
    assert.equal(output.version, 1);
    assert.equal(output.tool.name, 'pbx-user-csv');
    assert.deepEqual(output.files[0], {
      path: 'cities.csv',
      dialect: null,
      errorCount: 0,
      warningCount: 0,
      informationCount: 0,
      hintCount: 0,
      problems: [],
    });
    const users = output.files[1];
    assert.equal(typeof users.dialect.label, 'string');
    assert.deepEqual(users, {
      path: 'users.csv',
      dialect: { id: 'portsip-v22', label: users.dialect.label, guessed: true },
      errorCount: 1,
      warningCount: 0,
      informationCount: 0,
      hintCount: 0,
      problems: [
        {
          rule: 'value-boolean',
          severity: 'error',
          message: 'enabled must be TRUE or FALSE, found "yes"',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 8,
          related: [],
        },
      ],
    });
    assert.deepEqual(output.summary, {
      files: 2,
      userCsvFiles: 1,
      filesWithErrors: 1,
      unreadableFiles: 0,
      errors: 1,
      warnings: 0,
      information: 0,
      hints: 0,
    });
  });

  test('other CSVs only: valid JSON with null dialects, exit 0', () => {
    const run = runCli(['validate', '--format', 'json', 'a.csv'], makeTree({ 'a.csv': 'x,y\n1,2\n' }));
    assert.equal(run.status, 0);
    const output = JSON.parse(run.stdout);
    assert.deepEqual(output.files, [
      { path: 'a.csv', dialect: null, errorCount: 0, warningCount: 0, informationCount: 0, hintCount: 0, problems: [] },
    ]);
    assert.equal(output.summary.files, 1);
    assert.equal(output.summary.userCsvFiles, 0);
  });
});

describe('--format sarif end to end', () => {
  test('a file with an error: schema-valid SARIF 2.1.0 with the result, its rule and its region', () => {
    const folder = makeTree({ 'my users.csv': WITH_ERROR });
    const run = runCli(['validate', '--format', 'sarif', 'my users.csv'], folder);
    assert.equal(run.status, 1);
    const log = JSON.parse(run.stdout);
    assertValidSarif(log);
    assert.equal(log.version, '2.1.0');
    const [sarifRun] = log.runs;
    const driver = sarifRun.tool.driver;
    assert.equal(driver.name, 'pbx-user-csv');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.equal(driver.rules.length, 1);
    assert.equal(driver.rules[0].id, 'value-boolean');
    assert.equal(typeof driver.rules[0].shortDescription.text, 'string');
    assert.deepEqual(sarifRun.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(fs.realpathSync(folder)).href + '/' } });
    assert.deepEqual(sarifRun.results, [
      {
        ruleId: 'value-boolean',
        ruleIndex: 0,
        level: 'error',
        message: { text: 'enabled must be TRUE or FALSE, found "yes"' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'my%20users.csv', uriBaseId: '%SRCROOT%' },
              region: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 8 },
            },
          },
        ],
      },
    ]);
  });

  test('related information becomes relatedLocations; every ruleIndex points at its rule', () => {
    // extension_number is unique in the file (spec): line 3 repeats line 2's 1001, the related location is line 2's.
    const folder = makeTree({
      'users.csv': `${PORTSIP_HEADER}\n${portsipRow('alice', '1001')}\n${portsipRow('bob', '1001')}\n`,
    });
    const run = runCli(['validate', '--format', 'sarif', 'users.csv'], folder);
    assert.equal(run.status, 1);
    const log = JSON.parse(run.stdout);
    assertValidSarif(log);
    const [sarifRun] = log.runs;
    for (const result of sarifRun.results) assert.equal(sarifRun.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    // `alice,TRUE,Kx7#mQ2!vR,` is 22 characters, `bob,TRUE,Kx7#mQ2!vR,` 20.
    const duplicate = sarifRun.results.find(
      (result: { ruleId: string; locations: Array<{ physicalLocation: { region: { startColumn: number } } }> }) =>
        result.ruleId === 'duplicate-value' && result.locations[0].physicalLocation.region.startColumn === 21,
    );
    assert.ok(duplicate, JSON.stringify(sarifRun.results, null, 2));
    assert.equal(duplicate.level, 'error');
    assert.deepEqual(duplicate.locations[0].physicalLocation.region, { startLine: 3, startColumn: 21, endLine: 3, endColumn: 25 });
    assert.equal(duplicate.relatedLocations.length, 1);
    assert.deepEqual(duplicate.relatedLocations[0].physicalLocation, {
      artifactLocation: { uri: 'users.csv', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 23, endLine: 2, endColumn: 27 },
    });
  });

  test('no user CSVs: schema-valid SARIF with no results, exit 0', () => {
    const run = runCli(['validate', '--format', 'sarif', 'a.csv'], makeTree({ 'a.csv': 'x,y\n1,2\n' }));
    assert.equal(run.status, 0);
    const log = JSON.parse(run.stdout);
    assertValidSarif(log);
    assert.deepEqual(log.runs[0].results, []);
    assert.deepEqual(log.runs[0].tool.driver.rules, []);
  });
});

// ---------------------------------------------------------------- formatters on hand-made outcomes

const EMPTY_COUNTS = { error: 0, warning: 0, information: 0, hint: 0 };
const checked: CheckedFile = {
  kind: 'checked',
  displayPath: 'dir one/users#1.csv',
  dialect: { id: 'xivo', label: 'XiVO users import', guessed: false },
  problems: [
    {
      rule: 'unique-exten',
      severity: 'error',
      message: 'exten 1001@default is used twice',
      location: { start: { line: 3, column: 1 }, end: { line: 3, column: 5 } },
      related: [{ message: 'first used here', location: { start: { line: 2, column: 1 }, end: { line: 2, column: 5 } } }],
    },
    {
      rule: 'header-unknown-column',
      severity: 'warning',
      message: 'unknown column "nick"',
      location: { start: { line: 1, column: 10 }, end: { line: 1, column: 14 } },
      related: [],
    },
    {
      rule: 'formula-injection',
      severity: 'information',
      message: 'starts with =',
      location: { start: { line: 4, column: 3 }, end: { line: 5, column: 2 } },
      related: [],
    },
    {
      rule: 'language-case',
      severity: 'hint',
      message: 'write ENGLISH',
      location: { start: { line: 6, column: 7 }, end: { line: 6, column: 7 } },
      related: [],
    },
  ],
  counts: { error: 1, warning: 1, information: 1, hint: 1 },
};
const skipped: FileOutcome = { kind: 'checked', displayPath: 'other.csv', problems: [], counts: EMPTY_COUNTS };
const unreadable: FileOutcome = { kind: 'unreadable', displayPath: 'locked.csv', reason: 'permission denied' };
const summary: RunSummary = {
  files: 3,
  userCsvFiles: 1,
  filesWithErrors: 1,
  unreadableFiles: 1,
  counts: { error: 1, warning: 1, information: 1, hint: 1 },
};

function collect(feed: (write: (chunk: string) => void) => void): string {
  let out = '';
  feed((chunk) => (out += chunk));
  return out;
}

describe('text formatter', () => {
  test('dialect line, one line per problem with severity words, related lines, summary', () => {
    const out = collect((write) => {
      const formatter = createTextFormatter(write, { quiet: false });
      formatter.file(checked);
      formatter.file(skipped);
      formatter.file(unreadable);
      formatter.end(summary);
    });
    assert.equal(
      out,
      [
        'dir one/users#1.csv: dialect xivo (XiVO users import)',
        'dir one/users#1.csv:3:1: error exten 1001@default is used twice [unique-exten]',
        '    related: dir one/users#1.csv:2:1: first used here',
        'dir one/users#1.csv:1:10: warning unknown column "nick" [header-unknown-column]',
        'dir one/users#1.csv:4:3: info starts with = [formula-injection]',
        'dir one/users#1.csv:6:7: hint write ENGLISH [language-case]',
        '3 files: 1 user CSV, 1 with errors, 1 unreadable — 1 error, 1 warning, 1 information, 1 hint',
        '',
      ].join('\n'),
    );
  });

  test('a guessed dialect says so; quiet drops the dialect line', () => {
    const guessed: CheckedFile = { ...checked, dialect: { id: 'portsip-v22', label: 'PortSIP PBX v22', guessed: true }, problems: [] };
    assert.equal(
      collect((write) => createTextFormatter(write, { quiet: false }).file(guessed)),
      'dir one/users#1.csv: dialect portsip-v22 (PortSIP PBX v22, guessed from the header)\n',
    );
    assert.equal(collect((write) => createTextFormatter(write, { quiet: true }).file(guessed)), '');
  });
});

describe('json formatter', () => {
  test('streams valid JSON: problems with related ranges, unreadable files with their error', () => {
    const out = collect((write) => {
      const formatter = createJsonFormatter(write, TOOL);
      formatter.file(checked);
      formatter.file(unreadable);
      formatter.end(summary);
    });
    const output = JSON.parse(out);
    assert.deepEqual(output.tool, { name: 'pbx-user-csv', version: '9.8.7' });
    assert.deepEqual(output.files[0].problems[0], {
      rule: 'unique-exten',
      severity: 'error',
      message: 'exten 1001@default is used twice',
      line: 3,
      column: 1,
      endLine: 3,
      endColumn: 5,
      related: [{ message: 'first used here', line: 2, column: 1, endLine: 2, endColumn: 5 }],
    });
    assert.equal(output.files[0].problems[2].endLine, 5);
    assert.deepEqual(output.files[1], {
      path: 'locked.csv',
      dialect: null,
      errorCount: 0,
      warningCount: 0,
      informationCount: 0,
      hintCount: 0,
      problems: [],
      error: 'permission denied',
    });
    assert.equal(output.summary.unreadableFiles, 1);
    assert.equal(output.summary.hints, 1);
  });

  test('no files at all is still valid JSON', () => {
    const out = collect((write) => createJsonFormatter(write, TOOL).end({ ...summary, files: 0, userCsvFiles: 0 }));
    assert.deepEqual(JSON.parse(out).files, []);
  });
});

describe('sarif formatter', () => {
  function sarifOf(outcomes: FileOutcome[]) {
    const out = collect((write) => {
      const formatter = createSarifFormatter(write, {
        tool: TOOL,
        cwd: '/work/exports',
        describeRule: (id) => `description of ${id}`,
      });
      for (const outcome of outcomes) formatter.file(outcome);
      formatter.end(summary);
    });
    return JSON.parse(out);
  }

  test('levels, encoded relative URIs, related locations, rules with descriptions: valid against the schema', () => {
    const log = sarifOf([checked, skipped]);
    assertValidSarif(log);
    const [run] = log.runs;
    assert.deepEqual(run.tool.driver, {
      name: 'pbx-user-csv',
      version: '9.8.7',
      semanticVersion: '9.8.7',
      informationUri: 'https://example.org/pbx-user-csv',
      rules: ['formula-injection', 'header-unknown-column', 'language-case', 'unique-exten'].map((id) => ({
        id,
        shortDescription: { text: `description of ${id}` },
      })),
    });
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/exports/' } });
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(
      run.results.map((r: { ruleId: string; ruleIndex: number; level: string }) => [r.ruleId, r.ruleIndex, r.level]),
      [
        ['unique-exten', 3, 'error'],
        ['header-unknown-column', 1, 'warning'],
        ['formula-injection', 0, 'note'],
        ['language-case', 2, 'note'],
      ],
    );
    const artifactLocation = { uri: 'dir%20one/users%231.csv', uriBaseId: '%SRCROOT%' };
    assert.deepEqual(run.results[0].locations, [
      { physicalLocation: { artifactLocation, region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 5 } } },
    ]);
    assert.deepEqual(run.results[0].relatedLocations, [
      {
        id: 0,
        message: { text: 'first used here' },
        physicalLocation: { artifactLocation, region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 5 } },
      },
    ]);
    assert.equal(run.results[1].relatedLocations, undefined);
    assert.deepEqual(run.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  test('an unreadable file becomes a failed invocation with an error notification', () => {
    const log = sarifOf([unreadable]);
    assertValidSarif(log);
    assert.deepEqual(log.runs[0].invocations, [
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: 'cannot check "locked.csv": permission denied' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'locked.csv', uriBaseId: '%SRCROOT%' } } }],
          },
        ],
      },
    ]);
  });

  test('the schema check is not vacuous: a wrong level or a missing message is rejected', () => {
    const log = sarifOf([checked]);
    log.runs[0].results[0].level = 'fatal';
    assert.equal(validateSarif(log), false);
    const other = sarifOf([checked]);
    delete other.runs[0].results[1].message;
    assert.equal(validateSarif(other), false);
  });
});
