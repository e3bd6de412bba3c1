// The .vsix as the Marketplace gets it: `npm run package` in a copy of the sources without dist/ packs the
// extension (and fails on any vsce warning); its files and manifest carry what the Marketplace shows.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readZip, type ZipEntry } from '../support/zip';
import { copyOfSources, filesBelow, repoRoot, runOk } from './sourceCopy';

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

describe('the .vsix, packed from a clean copy', { timeout: 5 * 60_000 }, () => {
  let vsixSize: number;
  let entries: ZipEntry[];
  const entry = (name: string): Buffer => {
    const found = entries.find((e) => e.name === name);
    assert.ok(found, `${name} is in the .vsix`);
    return found.read();
  };

  before(() => {
    const sources = copyOfSources();
    runOk('npm', ['run', 'package'], sources);
    const vsix = fs.readFileSync(path.join(sources, `${manifest.name}-${manifest.version}.vsix`));
    vsixSize = vsix.length;
    entries = readZip(vsix);
  });

  test('it holds the client and server bundles for Node and for the browser, the table preview\'s page, the dialect files, the grammar, and the Marketplace files only', () => {
    const expected = [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/dist/browser/client.js',
      'extension/dist/browser/server.js',
      'extension/dist/client.js',
      'extension/dist/server.js',
      'extension/dist/table.css',
      'extension/dist/table.js',
      'extension/images/icon.png',
      'extension/package.json',
      'extension/readme.md',
      ...filesBelow(path.join(repoRoot, 'schemas')).map((file) => `extension/schemas/${file}`),
      ...filesBelow(path.join(repoRoot, 'syntaxes')).map((file) => `extension/syntaxes/${file}`),
    ].sort();
    assert.deepEqual(entries.map((e) => e.name).sort(), expected);
    assert.ok(vsixSize < 768 * 1024, `the .vsix is ${vsixSize} bytes`);
  });

  test('its manifest has both entries: `main` for a Node extension host, `browser` for VS Code for the Web', () => {
    const packaged = JSON.parse(entry('extension/package.json').toString('utf8'));
    assert.equal(packaged.main, './dist/client.js');
    assert.equal(packaged.browser, './dist/browser/client.js');
  });

  test('the web worker\'s server bundle, the dialect files inside, is under 1 MB', () => {
    // That it holds every built-in dialect is shown by test/protocol/browserServer.test.ts.
    const worker = entry('extension/dist/browser/server.js');
    assert.ok(worker.length < 1024 * 1024, `dist/browser/server.js is ${worker.length} bytes`);
  });

  test('its manifest names the licence, the icon, the changelog and the repository', () => {
    const vsixManifest = entry('extension.vsixmanifest').toString('utf8');
    assert.match(vsixManifest, /<License>extension\/LICENSE\.txt<\/License>/);
    assert.match(vsixManifest, /<Icon>extension\/images\/icon\.png<\/Icon>/);
    assert.match(vsixManifest, /<Asset Type="Microsoft\.VisualStudio\.Services\.Content\.Changelog" Path="extension\/changelog\.md"/);
    assert.match(vsixManifest, /<Property Id="Microsoft\.VisualStudio\.Services\.Links\.Source" Value="https:\/\/github\.com\/pbx-user-csv\/pbx-user-csv\.git" \/>/);
    assert.equal(entry('extension/LICENSE.txt').toString('utf8'), fs.readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8'));
    assert.equal(entry('extension/changelog.md').toString('utf8'), fs.readFileSync(path.join(repoRoot, 'CHANGELOG.md'), 'utf8'));
  });

  test('the icon is a 128×128 PNG', () => {
    const icon = entry('extension/images/icon.png');
    assert.deepEqual([...icon.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    assert.equal(icon.toString('latin1', 12, 16), 'IHDR');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
  });

  test('the README\'s relative links point into the repository, where the Marketplace can load them', () => {
    const readme = entry('extension/readme.md').toString('utf8');
    assert.match(readme, /\]\(https:\/\/github\.com\/pbx-user-csv\/pbx-user-csv\/raw\/HEAD\/docs\/screenshots\/problems-panel\.png\)/);
    assert.doesNotMatch(readme, /\]\(docs\//);
  });
});
