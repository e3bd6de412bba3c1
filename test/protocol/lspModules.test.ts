// Unit tests of the LSP adapter's pure modules: settings sanitising, dialect globs, workspace-relative
// paths, custom dialect paths, error descriptions and the version/debounce machinery.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { resolveCustomDialectPaths } from '../../server/src/node/customDialects';
import { dialectFromAssociations } from '../../server/src/lsp/dialectAssociations';
import { describeError, guarded } from '../../server/src/lsp/safety';
import { DiagnosticsPublisher, ValidationScheduler } from '../../server/src/lsp/scheduling';
import type { StaleCheck } from '../../server/src/lsp/scheduling';
import { parseClientSettings } from '../../server/src/lsp/settings';
import { WorkspaceFolderSet } from '../../server/src/lsp/workspaceFolders';

describe('parseClientSettings', () => {
  test('keeps well-typed values and drops the rest', () => {
    const settings = parseClientSettings({
      dialects: { 'a/**': 'xivo', 'b/**': 3 },
      rules: { 'value-boolean': 'hint', 'header-unknown': 'fatal' },
      maxNumberOfProblems: 2.5,
      formulaInjection: { enabled: 'no' },
      validate: { include: ['x/**', 7], exclude: 'y' },
      customDialects: ['one.dialect.json', null],
      voicemailPinPolicy: { maxLength: -1, forbidRepeating: false },
    });
    assert.deepEqual(settings.dialects, { 'a/**': 'xivo' });
    assert.deepEqual(settings.rules, { 'value-boolean': 'hint' });
    assert.equal(settings.maxNumberOfProblems, 1000);
    assert.equal(settings.formulaInjection.enabled, true);
    assert.deepEqual(settings.validate, { include: ['x/**'], exclude: ['**/node_modules/**'] });
    assert.deepEqual(settings.customDialects, ['one.dialect.json']);
    assert.deepEqual(settings.voicemailPinPolicy, {
      minLength: 6,
      maxLength: 10,
      forbidRepeating: false,
      forbidSequential: true,
    });
  });

  test('null, arrays and primitives give the defaults', () => {
    for (const raw of [null, undefined, [], 'x', 5]) {
      const settings = parseClientSettings(raw);
      assert.equal(settings.maxNumberOfProblems, 1000);
      assert.deepEqual(settings.rules, {});
      assert.deepEqual(settings.dialects, {});
      assert.equal(settings.passwordPolicy.minLength, 6);
    }
  });

  test('maxNumberOfProblems 0 is a valid choice', () => {
    assert.equal(parseClientSettings({ maxNumberOfProblems: 0 }).maxNumberOfProblems, 0);
  });
});

describe('dialectFromAssociations', () => {
  const at = (relativePath: string) => ({ relativePath, fileName: path.posix.basename(relativePath) });

  test('a glob matches the workspace-relative path', () => {
    assert.equal(dialectFromAssociations({ 'imports/xivo/**': 'xivo' }, at('imports/xivo/2024/users.csv')), 'xivo');
    assert.equal(dialectFromAssociations({ 'imports/xivo/**': 'xivo' }, at('imports/portsip/users.csv')), undefined);
  });

  test('a glob matches the bare file name in any folder', () => {
    assert.equal(dialectFromAssociations({ 'update-*.csv': 'xivo-update' }, at('deep/down/update-june.csv')), 'xivo-update');
    assert.equal(dialectFromAssociations({ 'update-*.csv': 'xivo-update' }, at('deep/down/import-june.csv')), undefined);
  });

  test('a leading ./ or / means the workspace folder', () => {
    assert.equal(dialectFromAssociations({ './legacy/*.csv': 'portsip-v16' }, at('legacy/a.csv')), 'portsip-v16');
    assert.equal(dialectFromAssociations({ '/legacy/*.csv': 'portsip-v16' }, at('legacy/a.csv')), 'portsip-v16');
  });

  test('the first matching glob wins; empty keys and values are ignored', () => {
    const associations = { '': 'xivo', 'a/**': '  ', '**/*.csv': 'none', 'a/*.csv': 'xivo' };
    assert.equal(dialectFromAssociations(associations, at('a/b.csv')), 'none');
  });

  test('dot files and folders match too', () => {
    assert.equal(dialectFromAssociations({ '**/*.csv': 'xivo' }, at('.exports/.users.csv')), 'xivo');
  });
});

describe('WorkspaceFolderSet.locate', () => {
  test('the path relative to the innermost folder, percent-decoded', () => {
    const folders = new WorkspaceFolderSet();
    folders.set(['file:///home/me/ws', 'file:///home/me/ws/nested']);
    assert.deepEqual(folders.locate('file:///home/me/ws/nested/My%20Users/a%23b.csv'), {
      relativePath: 'My Users/a#b.csv',
      fileName: 'a#b.csv',
    });
    assert.deepEqual(folders.locate('file:///home/me/ws/imports/u.csv'), { relativePath: 'imports/u.csv', fileName: 'u.csv' });
  });

  test('a folder name that is only a prefix of another does not contain it', () => {
    const folders = new WorkspaceFolderSet();
    folders.set(['file:///ws']);
    assert.deepEqual(folders.locate('file:///ws-other/u.csv'), { relativePath: 'u.csv', fileName: 'u.csv' });
  });

  test('outside any folder and untitled documents use the file name', () => {
    const folders = new WorkspaceFolderSet();
    assert.deepEqual(folders.locate('untitled:Untitled-1'), { relativePath: 'Untitled-1', fileName: 'Untitled-1' });
    assert.deepEqual(folders.locate('file:///tmp/x/users.csv'), { relativePath: 'users.csv', fileName: 'users.csv' });
  });

  test('removed folders no longer count', () => {
    const folders = new WorkspaceFolderSet();
    folders.set(['file:///ws']);
    folders.remove(['file:///ws']);
    assert.deepEqual(folders.locate('file:///ws/a/u.csv'), { relativePath: 'u.csv', fileName: 'u.csv' });
  });
});

describe('resolveCustomDialectPaths', () => {
  test('absolute kept, ~/ from the home directory, relative against the first file: folder; blanks and repeats dropped', () => {
    assert.deepEqual(
      resolveCustomDialectPaths(
        ['/abs/a.dialect.json', '~/d/b.dialect.json', 'rel/c.dialect.json', '  ', '/abs/a.dialect.json'],
        ['vscode-vfs://github/x', 'file:///srv/ws'],
      ),
      ['/abs/a.dialect.json', path.join(homedir(), 'd/b.dialect.json'), '/srv/ws/rel/c.dialect.json'],
    );
  });
});

describe('describeError', () => {
  test('names the error and its frames but never repeats the message', () => {
    const text = describeError(new TypeError('voicemail_pin "482915" is bad'));
    assert.match(text, /^TypeError\n\s+at /);
    assert.doesNotMatch(text, /482915/);
  });

  test('non-Error values are described by their type only', () => {
    assert.equal(describeError('secret'), 'non-Error value of type string');
  });

  test('guarded turns a throw into the fallback and logs it', async () => {
    const logged: string[] = [];
    const handler = guarded({ error: (m) => logged.push(m) }, 'hover', (): number => { throw new RangeError('pw=hunter2'); }, -1);
    assert.equal(await handler(), -1);
    assert.equal(logged.length, 1);
    assert.match(logged[0], /^\[pbx-user-csv\] hover failed: RangeError/);
    assert.doesNotMatch(logged[0], /hunter2/);
  });
});

describe('DiagnosticsPublisher', () => {
  test('refuses an older version than the last published, accepts the same or newer', () => {
    const sent: Array<number | undefined> = [];
    const publisher = new DiagnosticsPublisher((p) => sent.push(p.version));
    assert.equal(publisher.publish('u', 3, []), true);
    assert.equal(publisher.publish('u', 2, []), false);
    assert.equal(publisher.publish('u', 3, []), true);
    assert.equal(publisher.publish('u', 4, []), true);
    assert.equal(publisher.publish('other', 1, []), true);
    assert.deepEqual(sent, [3, 3, 4, 1]);
  });

  test('after clear (close) a reopened document starts again from any version', () => {
    const sent: Array<{ version?: number; count: number }> = [];
    const publisher = new DiagnosticsPublisher((p) => sent.push({ version: p.version, count: p.diagnostics.length }));
    publisher.publish('u', 5, []);
    publisher.clear('u');
    assert.equal(publisher.publish('u', 1, []), true);
    assert.deepEqual(sent, [{ version: 5, count: 0 }, { version: undefined, count: 0 }, { version: 1, count: 0 }]);
  });
});

describe('ValidationScheduler', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test('edits within the debounce collapse into one run', async () => {
    const runs: string[] = [];
    const scheduler = new ValidationScheduler(30, async (uri) => void runs.push(uri));
    scheduler.schedule('a');
    scheduler.schedule('a');
    scheduler.schedule('b');
    scheduler.schedule('a');
    await sleep(80);
    assert.deepEqual(runs.sort(), ['a', 'b']);
  });

  test('a new schedule or cancel marks the running validation stale', async () => {
    const tokens: StaleCheck[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const scheduler = new ValidationScheduler(0, async (_uri, token) => {
      tokens.push(token);
      await gate;
    });
    scheduler.schedule('a');
    await sleep(10);
    assert.equal(tokens[0].isStale, false);
    scheduler.schedule('a');
    assert.equal(tokens[0].isStale, true);
    await sleep(10);
    scheduler.cancel('a');
    assert.equal(tokens[1].isStale, true);
    release();
  });

  test('the debounce follows the cost of the last validation, from none on open up to the maximum', async () => {
    let workMs = 40;
    const scheduler = new ValidationScheduler(100, async () => void (await sleep(workMs)));
    assert.equal(scheduler.delayFor('a'), 0, 'the first validation of a document starts at once');
    scheduler.schedule('a');
    await sleep(workMs + 30);
    const afterCheapRun = scheduler.delayFor('a');
    assert.ok(afterCheapRun >= 35 / 4 && afterCheapRun <= 100, `waits a quarter of what the run took, got ${afterCheapRun}`);
    workMs = 500;
    scheduler.schedule('a', 0);
    await sleep(workMs + 40);
    assert.equal(scheduler.delayFor('a'), 100, 'never more than the maximum');
    assert.equal(scheduler.delayFor('b'), 0, 'timings are per document');
    scheduler.forget('a');
    assert.equal(scheduler.delayFor('a'), 0, 'a closed document starts over');
  });

  test('cancel before the debounce ends means no run at all', async () => {
    const runs: string[] = [];
    const scheduler = new ValidationScheduler(20, async (uri) => void runs.push(uri));
    scheduler.schedule('a');
    scheduler.cancel('a');
    await sleep(50);
    assert.deepEqual(runs, []);
  });
});
