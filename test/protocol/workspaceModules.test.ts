// Unit tests of the pure pieces behind Validate Workspace and workspace trust: which paths a folder's
// settings include, file URIs as VS Code spells them, the summary sentence, and trust handling.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveCustomDialects, readTrust } from '../../server/src/lsp/trust';
import { FolderFilter } from '../../server/src/common/filter';
import { fileUri, localPath, relativeTo } from '../../server/src/node/files';
import { summaryMessage } from '../../server/src/lsp/workspaceValidation';

describe('FolderFilter', () => {
  const filter = new FolderFilter({
    include: ['**/*.csv'],
    exclude: ['**/node_modules/**', 'old/*.csv'],
    filesExclude: { '**/archive': true, '**/tmp': false, '**/*.bak.csv': { when: '$(basename)' } },
  });

  test('includes CSVs at any depth, also in dot folders', () => {
    assert.equal(filter.acceptsFile('users.csv'), true);
    assert.equal(filter.acceptsFile('a/b/c/users.csv'), true);
    assert.equal(filter.acceptsFile('.config/users.csv'), true);
    assert.equal(filter.acceptsFile('users.txt'), false);
  });

  test('pbxUserCsv.validate.exclude: folder globs prune the folder, file globs only their files', () => {
    assert.equal(filter.entersDirectory('node_modules'), false);
    assert.equal(filter.entersDirectory('pkg/node_modules'), false);
    assert.equal(filter.acceptsFile('pkg/node_modules/x/users.csv'), false);
    assert.equal(filter.entersDirectory('old'), true);
    assert.equal(filter.acceptsFile('old/users.csv'), false);
    assert.equal(filter.acceptsFile('old/keep/users.csv'), true);
  });

  test('files.exclude: only `true` entries count, and a matching folder hides what is inside', () => {
    assert.equal(filter.entersDirectory('x/archive'), false);
    assert.equal(filter.acceptsFile('x/archive/2020/users.csv'), false);
    assert.equal(filter.acceptsFile('tmp/users.csv'), true);
    assert.equal(filter.acceptsFile('users.bak.csv'), true);
  });

  test('.git is never entered, even when no setting says so', () => {
    const bare = new FolderFilter({ include: ['**/*.csv'], exclude: [] });
    assert.equal(bare.entersDirectory('.git'), false);
    assert.equal(bare.acceptsFile('.git/users.csv'), false);
    assert.equal(bare.acceptsFile('git/users.csv'), true);
  });

  test('an invalid or empty glob matches nothing instead of throwing', () => {
    const odd = new FolderFilter({ include: ['', '**/*.csv'], exclude: ['   '] });
    assert.equal(odd.acceptsFile('users.csv'), true);
  });
});

describe('file URIs and paths', () => {
  test('fileUri encodes as vscode-uri does (spaces, #, brackets, parentheses) and round-trips', () => {
    const file = '/home/me/My Files/#1 [draft] (v2).csv';
    const uri = fileUri(file);
    assert.equal(uri, 'file:///home/me/My%20Files/%231%20%5Bdraft%5D%20%28v2%29.csv');
    assert.equal(localPath(uri), file);
  });

  test('localPath: only file URIs are local', () => {
    assert.equal(localPath('untitled:Untitled-1'), undefined);
    assert.equal(localPath('vscode-remote://ssh/home/x.csv'), undefined);
    assert.equal(localPath('file:///tmp/x.csv'), '/tmp/x.csv');
  });

  test('relativeTo: inside gives a slash path, outside or the folder itself gives undefined', () => {
    assert.equal(relativeTo('/ws', '/ws/a/b.csv'), 'a/b.csv');
    assert.equal(relativeTo('/ws', '/ws/..hidden.csv'), '..hidden.csv');
    assert.equal(relativeTo('/ws', '/other/b.csv'), undefined);
    assert.equal(relativeTo('/ws', '/ws'), undefined);
  });
});

describe('summaryMessage', () => {
  const base = { files: 38, checked: 38, userCsvFiles: 12, filesWithErrors: 4, errors: 57, warnings: 9, unreadable: 0, cancelled: false };

  test('the complete run', () => {
    assert.equal(summaryMessage(base), '38 files: 12 user CSVs, 4 with errors — 57 errors, 9 warnings');
  });

  test('singulars, thousands and unreadable files', () => {
    assert.equal(
      summaryMessage({ ...base, files: 1, checked: 1, userCsvFiles: 1, filesWithErrors: 1, errors: 1, warnings: 1 }),
      '1 file: 1 user CSV, 1 with errors — 1 error, 1 warning',
    );
    assert.equal(
      summaryMessage({ ...base, files: 1200, checked: 1200, unreadable: 2 }),
      '1,200 files: 12 user CSVs, 4 with errors — 57 errors, 9 warnings (2 files could not be read)',
    );
  });

  test('cancelled during the checks, and before any file was found', () => {
    assert.equal(
      summaryMessage({ ...base, checked: 10, cancelled: true }),
      'Cancelled after 10 of 38 files: 12 user CSVs, 4 with errors — 57 errors, 9 warnings',
    );
    assert.equal(summaryMessage({ ...base, files: 0, checked: 0, cancelled: true }), 'Cancelled while looking for the CSV files');
  });
});

describe('workspace trust', () => {
  test('readTrust: absent means trusted; malformed means untrusted; user entries are kept when strings', () => {
    assert.deepEqual(readTrust(undefined), { trusted: true, userCustomDialects: [] });
    assert.deepEqual(readTrust('yes'), { trusted: false, userCustomDialects: [] });
    assert.deepEqual(readTrust({ trusted: 'true', userCustomDialects: ['/a.json', 3] }), { trusted: false, userCustomDialects: ['/a.json'] });
    assert.deepEqual(readTrust({ trusted: true }), { trusted: true, userCustomDialects: [] });
  });

  test('trusted: the setting as resolved by the editor', () => {
    assert.deepEqual(effectiveCustomDialects({ trusted: true, userCustomDialects: [] }, ['rel.dialect.json']), {
      entries: ['rel.dialect.json'],
      ignored: [],
    });
  });

  test('untrusted: only absolute and ~/ user entries; workspace and relative entries are reported as ignored', () => {
    const trust = { trusted: false, userCustomDialects: ['/opt/acme.dialect.json', '~/d/x.dialect.json', 'rel.dialect.json'] };
    const setting = ['/opt/acme.dialect.json', '~/d/x.dialect.json', 'rel.dialect.json', 'ws-only.dialect.json'];
    assert.deepEqual(effectiveCustomDialects(trust, setting), {
      entries: ['/opt/acme.dialect.json', '~/d/x.dialect.json'],
      ignored: ['ws-only.dialect.json', 'rel.dialect.json'],
    });
  });
});
