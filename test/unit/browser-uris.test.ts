// The web worker server's URIs (server/src/browser/uris.ts). Expected URIs are spelled by hand as VS Code
// spells them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalUri, displayUri, relativeUriPath, resolveCustomDialectUris } from '../../server/src/browser/uris';

const FOLDER = 'vscode-remote://host:8080/home/admin/my%20imports';

describe('URIs in the web worker server', () => {
  test('canonical spelling: one per file, whatever the percent-encoding and the case of scheme and authority', () => {
    const canonical = 'vscode-remote://host:8080/home/admin/my%20imports/caf%C3%A9%20%281%29.csv';
    assert.equal(canonicalUri(canonical), canonical);
    assert.equal(canonicalUri('VSCODE-REMOTE://HOST:8080/home/admin/my imports/café (1).csv'), canonical);
    assert.equal(canonicalUri('vscode-remote://host:8080/home/admin/my%20imports/caf%c3%a9%20(1).csv'), canonical);
    assert.equal(canonicalUri('file:///c%3A/Users/a.csv'), 'file:///c%3A/Users/a.csv');
    assert.equal(canonicalUri('no scheme'), undefined);
  });

  test('relative paths below a folder, decoded; nothing for a file outside it or on another machine', () => {
    assert.equal(relativeUriPath(FOLDER, `${FOLDER}/users.csv`), 'users.csv');
    assert.equal(relativeUriPath(`${FOLDER}/`, `${FOLDER}/tenants/caf%C3%A9/users%231.csv`), 'tenants/café/users#1.csv');
    assert.equal(relativeUriPath(FOLDER, 'vscode-remote://host:8080/home/admin/my%20imports-old/users.csv'), undefined);
    assert.equal(relativeUriPath(FOLDER, FOLDER), undefined);
    assert.equal(relativeUriPath(FOLDER, 'vscode-remote://other:8080/home/admin/my%20imports/users.csv'), undefined);
    assert.equal(relativeUriPath(FOLDER, 'file:///home/admin/my%20imports/users.csv'), undefined);
  });

  test('shown as the path of a local or remote file, as the URI otherwise', () => {
    assert.equal(displayUri(`${FOLDER}/caf%C3%A9.csv`), '/home/admin/my imports/café.csv');
    assert.equal(displayUri('file:///home/admin/a%20b.csv'), '/home/admin/a b.csv');
    assert.equal(displayUri('vscode-vfs://github/acme/pbx/users.csv'), 'vscode-vfs://github/acme/pbx/users.csv');
  });

  test('custom dialect entries: relative against the first folder, absolute on its machine, ~/ unresolved', () => {
    const resolved = resolveCustomDialectUris(
      ['dialects/acme.dialect.json', './dialects/../shared/b.dialect.json', '/etc/pbx/c d.dialect.json', 'C:\\pbx\\e.dialect.json', '~/f.dialect.json', ' ', 'dialects/acme.dialect.json'],
      [FOLDER, 'vscode-remote://host:8080/srv/other'],
    );
    assert.deepEqual(resolved, {
      uris: [
        `${FOLDER}/dialects/acme.dialect.json`,
        `${FOLDER}/shared/b.dialect.json`,
        'vscode-remote://host:8080/etc/pbx/c%20d.dialect.json',
        'vscode-remote://host:8080/c%3A/pbx/e.dialect.json',
      ],
      unresolved: ['~/f.dialect.json'],
    });
    assert.deepEqual(resolveCustomDialectUris(['a.dialect.json', '/x/b.dialect.json'], []), {
      uris: ['file:///a.dialect.json', 'file:///x/b.dialect.json'],
      unresolved: [],
    });
  });
});
