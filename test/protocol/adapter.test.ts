// The LSP adapter against a fake core, in process: how problems become diagnostics, which settings and
// dialect reach the core, ordering of versions, and survival when the core throws.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from '../../server/src/lsp/server';
import { nodePlatform } from '../../server/src/node/platform';
import {
  NULL_LANGUAGE_SERVICE,
  applyChanges,
  type DialectSummary,
  type DocumentSession,
  type DocumentUpdate,
  type LanguageService,
  type RuleId,
  type ValidateOptions,
  type ValidationResult,
} from '../../server/src/service/index';
import { LspTestClient } from './lspTestClient';
import type { StartOptions } from './lspTestClient';

/** A core that answers what the test says, and records every validation the server asks of it. */
class FakeCore {
  readonly calls: Array<{ text: string; options: ValidateOptions | undefined }> = [];
  respond: (text: string) => ValidationResult = () => ({ problems: [] });
  configurationErrors: LanguageService['configurationErrors'] = () => [];

  validate(text: string, options?: ValidateOptions): ValidationResult {
    this.calls.push({ text, options });
    return this.respond(text);
  }

  dialects(): DialectSummary[] {
    return [{ id: 'acme', label: 'ACME PBX', description: 'Custom dialect for tests' }];
  }

  /** The core as the server sees it: every document goes through a session. */
  service(): LanguageService {
    const core = this;
    return {
      ...NULL_LANGUAGE_SERVICE,
      validate: (text, options) => core.validate(text, options),
      openDocument: (text, options) => new FakeSession(core, text, options),
      dialects: () => core.dialects(),
      configurationErrors: () => core.configurationErrors(),
    };
  }
}

class FakeSession implements DocumentSession {
  result: ValidationResult | undefined;
  constructor(
    private readonly core: FakeCore,
    public text: string,
    private options: ValidateOptions | undefined,
  ) {}

  update(update: DocumentUpdate, options?: ValidateOptions): void {
    this.text = typeof update === 'string' ? update : Array.isArray(update) ? applyChanges(this.text, update) : (update as { text: string }).text;
    if (options) this.options = options;
    this.result = undefined;
  }

  validate(): ValidationResult {
    return (this.result ??= this.core.validate(this.text, this.options));
  }

  document(): undefined {
    return undefined;
  }

  macPlaces(): [] {
    return [];
  }

  close(): void {}
}

interface Harness {
  client: LspTestClient;
  core: FakeCore;
  /** The custom dialect URIs of every core the server made, in order. */
  created: string[][];
}

async function startHarness(options: StartOptions = {}, createService?: (customDialects: readonly string[], core: FakeCore) => LanguageService): Promise<Harness> {
  const core = new FakeCore();
  const created: string[][] = [];
  const client = await LspTestClient.inProcess((reader, writer) => {
    const connection = createConnection(ProposedFeatures.all, reader, writer);
    startServer(
      connection,
      {
        ...nodePlatform(),
        createService: (customDialects) => {
          created.push(customDialects.slice());
          return { service: createService ? createService(customDialects, core) : core.service(), customFiles: [] };
        },
      },
      { debounceMs: 10 },
    );
  }, options);
  return { client, core, created };
}

async function withHarness(
  run: (h: Harness) => Promise<void>,
  options?: StartOptions,
  createService?: (customDialects: readonly string[], core: FakeCore) => LanguageService,
): Promise<void> {
  const harness = await startHarness(options, createService);
  try {
    await run(harness);
  } finally {
    await harness.client.stop();
  }
}

describe('problems → diagnostics', () => {
  test('offsets become UTF-16 line/character ranges across CRLF and surrogate pairs; everything is passed on', () =>
    withHarness(
      async ({ client, core }) => {
        // "name,note\r\n" is 11 units; "😀" is 2 units, so "bad" is offsets 15–18 = line 1, characters 4–7.
        const text = 'name,note\r\n😀x,bad\r\n';
        core.respond = () => ({
          dialect: { id: 'acme', label: 'ACME PBX', guessed: false },
          problems: [
            {
              rule: 'rule-x' as RuleId,
              severity: 'hint',
              message: 'note is odd',
              start: 15,
              end: 18,
              related: [{ start: 5, end: 9, message: 'column declared here' }],
              data: { replacement: 'good' },
              tags: ['unnecessary', 'deprecated'],
            },
          ],
        });
        const uri = 'file:///a/one.csv';
        await client.open(uri, text, 4);
        const published = await client.waitForDiagnostics(uri);
        assert.deepEqual(published, {
          uri,
          version: 4,
          diagnostics: [
            {
              range: { start: { line: 1, character: 4 }, end: { line: 1, character: 7 } },
              severity: 4,
              source: 'pbx-user-csv',
              code: 'rule-x',
              codeDescription: { href: 'https://example.com/README.md#rule-x' },
              message: 'note is odd',
              relatedInformation: [
                {
                  location: { uri, range: { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } } },
                  message: 'column declared here',
                },
              ],
              tags: [1, 2],
              data: { replacement: 'good' },
            },
          ],
        });
      },
      { initializationOptions: { rulesDocumentationUrl: 'https://example.com/README.md' } },
    ));

  test('error, warning and information map to LSP severities 1, 2, 3; no codeDescription without a docs URL', () =>
    withHarness(async ({ client, core }) => {
      core.respond = () => ({
        dialect: { id: 'acme', label: 'ACME PBX', guessed: false },
        problems: [
          { rule: 'a' as RuleId, severity: 'error', message: 'e', start: 0, end: 1 },
          { rule: 'b' as RuleId, severity: 'warning', message: 'w', start: 1, end: 2 },
          { rule: 'c' as RuleId, severity: 'information', message: 'i', start: 2, end: 3 },
        ],
      });
      const uri = 'file:///a/severities.csv';
      await client.open(uri, 'abc\n');
      const { diagnostics } = await client.waitForDiagnostics(uri);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.severity, d.codeDescription, d.relatedInformation, d.tags, d.data]),
        [
          ['a', 1, undefined, undefined, undefined, undefined],
          ['b', 2, undefined, undefined, undefined, undefined],
          ['c', 3, undefined, undefined, undefined, undefined],
        ],
      );
    }));

  test('the dialect status carries the core’s match and how it was chosen', () =>
    withHarness(async ({ client, core }) => {
      core.respond = () => ({ dialect: { id: 'acme', label: 'ACME PBX', guessed: true }, problems: [] });
      const uri = 'file:///a/status.csv';
      await client.open(uri, 'x\n');
      assert.deepEqual(await client.waitForDialectStatus(uri), {
        uri,
        dialect: { id: 'acme', label: 'ACME PBX', guessed: true },
        source: 'detected',
      });
    }));

  test('the dialects request returns the core’s dialects', () =>
    withHarness(async ({ client }) => {
      assert.deepEqual(await client.connection.sendRequest('pbxUserCsv/dialects'), [
        { id: 'acme', label: 'ACME PBX', description: 'Custom dialect for tests' },
      ]);
    }));
});

describe('what reaches the core', () => {
  test('settings are pulled per document and translated into ValidationSettings; wrong types keep defaults', () =>
    withHarness(
      async ({ client, core }) => {
        const uri = 'file:///a/settings.csv';
        await client.open(uri, 'x\n');
        await client.waitForDiagnostics(uri);
        assert.ok(
          client.configurationRequests.some((r) => isDeepStrictEqual(r.items, [{ scopeUri: uri, section: 'pbxUserCsv' }])),
          'the pbxUserCsv section is requested for the document',
        );
        assert.deepEqual(core.calls.at(-1)?.options, {
          dialect: undefined,
          settings: {
            passwordPolicy: {
              minLength: 10,
              maxLength: 32,
              requireLetters: true,
              requireDigits: true,
              requireSpecial: false,
              forbidSequential: true,
              forbidRepeating: true,
              forbidAccountInfo: true,
            },
            pinPolicy: { minLength: 4, maxLength: 10, forbidRepeating: true, forbidSequential: true },
            maxProblems: 5,
            formulaInjection: false,
            severityOverrides: { 'value-boolean': 'off', 'header-unknown': 'error' },
          },
        });
      },
      {
        settings: {
          rules: { 'value-boolean': 'off', 'header-unknown': 'error', 'not-a-severity': 'loud' },
          maxNumberOfProblems: 5,
          formulaInjection: { enabled: false },
          passwordPolicy: { minLength: 10, requireSpecial: false, maxLength: 'long' },
          voicemailPinPolicy: { minLength: 4 },
        },
      },
    ));

  test('without settings the core gets the documented defaults', () =>
    withHarness(async ({ client, core }) => {
      const uri = 'file:///a/defaults.csv';
      await client.open(uri, 'x\n');
      await client.waitForDiagnostics(uri);
      assert.deepEqual(core.calls.at(-1)?.options?.settings, {
        passwordPolicy: {
          minLength: 6,
          maxLength: 32,
          requireLetters: true,
          requireDigits: true,
          requireSpecial: true,
          forbidSequential: true,
          forbidRepeating: true,
          forbidAccountInfo: true,
        },
        pinPolicy: { minLength: 6, maxLength: 10, forbidRepeating: true, forbidSequential: true },
        maxProblems: 1000,
        formulaInjection: true,
        severityOverrides: {},
      });
    }));

  test('dialect: picker choice beats the glob setting, which beats detection; null returns to the glob', () =>
    withHarness(
      async ({ client, core }) => {
        const legacy = 'file:///ws/legacy/users.csv';
        const other = 'file:///ws/new/users.csv';
        await client.openAndSettle(legacy, 'x\n');
        await client.openAndSettle(other, 'y\n');
        const dialectFor = (text: string) => core.calls.filter((c) => c.text === text).at(-1)?.options?.dialect;
        assert.equal(dialectFor('x\n'), 'portsip-v16');
        assert.equal(dialectFor('y\n'), undefined);

        let since = client.dialectStatuses.length;
        await client.connection.sendNotification('pbxUserCsv/setDialect', { uri: legacy, dialect: 'xivo' });
        assert.equal((await client.waitForDialectStatus(legacy, since)).source, 'picker');
        assert.equal(dialectFor('x\n'), 'xivo');

        since = client.dialectStatuses.length;
        await client.connection.sendNotification('pbxUserCsv/setDialect', { uri: legacy, dialect: null });
        assert.equal((await client.waitForDialectStatus(legacy, since)).source, 'setting');
        assert.equal(dialectFor('x\n'), 'portsip-v16');
      },
      { workspaceFolders: [{ uri: 'file:///ws', name: 'ws' }], settings: { dialects: { 'legacy/*.csv': 'portsip-v16' } } },
    ));

  test('custom dialect paths are resolved against the workspace folder and handed to the core', () =>
    withHarness(
      async ({ client, created }) => {
        await client.waitUntil(() => created.length >= 2, 'the core to be re-created with custom dialects');
        assert.deepEqual(created, [[], ['file:///srv/ws/dialects/acme.dialect.json', 'file:///etc/pbx/other.dialect.json']]);
      },
      {
        workspaceFolders: [{ uri: 'file:///srv/ws', name: 'ws' }],
        settings: { customDialects: ['dialects/acme.dialect.json', '/etc/pbx/other.dialect.json'] },
      },
    ));

  test('dialect files the core skipped are reported in one warning and logged one by one', () =>
    withHarness(
      async ({ client }) => {
        await client.waitUntil(() => client.shownMessages.length > 0, 'a warning');
        assert.deepEqual(client.shownMessages, [
          'PBX User CSV: a dialect file was skipped: /d/a.dialect.json (at /columns/0): must have name (and 1 more, see the output channel)',
        ]);
        const logged = client.logMessages.filter((m) => m.includes('dialect file skipped'));
        assert.deepEqual(logged, [
          '[pbx-user-csv] dialect file skipped: /d/a.dialect.json (at /columns/0): must have name',
          '[pbx-user-csv] dialect file skipped: /d/b.dialect.json: not JSON',
        ]);
      },
      { settings: { customDialects: ['/d/a.dialect.json', '/d/b.dialect.json'] } },
      (customDialects, core) =>
        customDialects.length
          ? {
              ...core.service(),
              configurationErrors: () => [
                { file: '/d/a.dialect.json', pointer: '/columns/0', message: 'must have name' },
                { file: '/d/b.dialect.json', pointer: '', message: 'not JSON' },
              ],
            }
          : core.service(),
    ));

  test('custom dialect files the core rejects: a warning is shown and the built-in dialects still validate', () =>
    withHarness(
      async ({ client, core, created }) => {
        await client.waitUntil(() => client.shownMessages.length > 0, 'a warning');
        assert.deepEqual(client.shownMessages, [
          'PBX User CSV: the custom dialect files could not be loaded; only the built-in dialects are used.',
        ]);
        assert.deepEqual(created.at(-1), []);
        const uri = 'file:///a/after-bad-dialects.csv';
        await client.open(uri, 'x\n');
        await client.waitForDiagnostics(uri);
        assert.equal(core.calls.at(-1)?.text, 'x\n');
      },
      { settings: { customDialects: ['/nowhere/broken.dialect.json'] } },
      (customDialects, core) => {
        if (customDialects.length) throw new Error('broken dialect file');
        return core.service();
      },
    ));
});

describe('ordering and survival', () => {
  test('an edit made while settings are being fetched wins: the older version is never validated or published', () =>
    withHarness(async ({ client, core }) => {
      let release!: () => void;
      client.holdConfiguration = new Promise((resolve) => (release = resolve));
      const uri = 'file:///a/race.csv';
      await client.open(uri, 'v1\n', 1);
      await client.waitUntil(
        () => client.configurationRequests.some((r) => r.items[0]?.scopeUri === uri),
        'the settings request',
      );
      await client.change(uri, 2, [{ text: 'v2\n' }]);
      // Version 2's debounce may or may not start before the answer: either way version 1 is stale by now.
      await new Promise((resolve) => setTimeout(resolve, 30));
      release();
      await client.waitForDiagnostics(uri, (p) => p.version === 2);
      assert.deepEqual(
        client.diagnostics.filter((p) => p.uri === uri).map((p) => p.version),
        [2],
      );
      assert.deepEqual(core.calls.map((c) => c.text), ['v2\n']);
    }));

  test('a throwing core replaces that document’s diagnostics with one saying it was not checked, logs without the message text, and later edits recover', () =>
    withHarness(async ({ client, core }) => {
      const problem = { rule: 'r' as RuleId, severity: 'error' as const, message: 'm', start: 0, end: 1 };
      core.respond = (text) => {
        if (text.includes('boom')) throw new Error('password "Secr3t!" rejected');
        return { dialect: { id: 'acme', label: 'ACME PBX', guessed: false }, problems: [problem] };
      };
      const uri = 'file:///a/throws.csv';
      await client.open(uri, 'ok\n', 1);
      assert.equal((await client.waitForDiagnostics(uri, (p) => p.version === 1)).diagnostics.length, 1);

      await client.change(uri, 2, [{ text: 'boom\n' }]);
      assert.deepEqual((await client.waitForDiagnostics(uri, (p) => p.version === 2)).diagnostics, [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: 2,
          source: 'pbx-user-csv',
          code: 'check-failed',
          message: 'PBX User CSV could not check this file: the validation failed (see the PBX User CSV output channel). Its problems are not shown, not fixed.',
        },
      ]);
      await client.waitUntil(() => client.logMessages.some((m) => m.includes('failed')), 'the failure log');
      const log = client.logMessages.join('\n');
      assert.match(log, /validating file:\/\/\/a\/throws\.csv failed: Error/);
      assert.doesNotMatch(log, /Secr3t/);

      await client.change(uri, 3, [{ text: 'ok again\n' }]);
      assert.equal((await client.waitForDiagnostics(uri, (p) => p.version === 3)).diagnostics.length, 1);
    }));

  test('closing cancels pending work and clears; reopening validates again', () =>
    withHarness(async ({ client, core }) => {
      core.respond = () => ({
        dialect: { id: 'acme', label: 'ACME PBX', guessed: false },
        problems: [{ rule: 'r' as RuleId, severity: 'warning', message: 'm', start: 0, end: 1 }],
      });
      const uri = 'file:///a/close.csv';
      let release!: () => void;
      client.holdConfiguration = new Promise((resolve) => (release = resolve));
      await client.open(uri, 'first\n', 1);
      await client.waitUntil(
        () => client.configurationRequests.some((r) => r.items[0]?.scopeUri === uri),
        'the settings request',
      );
      await client.close(uri); // while the validation of 'first' waits for its settings
      release();
      client.holdConfiguration = undefined;
      const cleared = await client.waitForDiagnostics(uri);
      assert.deepEqual(cleared, { uri, diagnostics: [] });
      await client.open(uri, 'second\n', 1);
      const reopened = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
      assert.equal(reopened.version, 1);
      assert.deepEqual(core.calls.map((c) => c.text), ['second\n']);
    }));
});

describe('capabilities', () => {
  test('the editing features and incremental sync are announced', () =>
    withHarness(async ({ client }) => {
      const capabilities = client.initializeResult.capabilities;
      assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
      assert.equal(capabilities.hoverProvider, true);
      assert.equal(capabilities.documentSymbolProvider, true);
      assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
      assert.deepEqual(capabilities.completionProvider?.triggerCharacters, [',', '"', ':', '{', '[']);
    }));
});
