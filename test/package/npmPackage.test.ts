// The npm package as a CI pipeline or an editor user gets it: `npm pack` in a copy of the sources without
// dist/ (prepack must build it), the tarball installed into an empty folder, and both bins run from there.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../protocol/lspTestClient';
import { copyOfSources, filesBelow, repoRoot, run, runOk, temporaryFolder } from './sourceCopy';

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const EXAMPLE = 'portsip-v22-mistakes.csv';
const exampleLines = fs.readFileSync(path.join(repoRoot, 'examples', EXAMPLE), 'utf8').split(/\r?\n/);

// Line 3 of the example (examples/README.md) has `enabled` = `yes`, the second cell after "user2,".
const YES_LINE = 2;
const YES_CHARACTER = exampleLines[YES_LINE].indexOf(',yes,') + 1;
const YES_MESSAGE = 'enabled must be TRUE or FALSE, found "yes"';

interface PackResult {
  filename: string;
  size: number;
  files: Array<{ path: string }>;
}

describe('the npm package, packed from a clean copy and installed from the tarball', { timeout: 10 * 60_000 }, () => {
  let packed: PackResult;
  let tarball: string;
  let consumer: string;
  let installOutput: string;
  let installed: string;

  before(() => {
    const sources = copyOfSources();
    const packDirectory = temporaryFolder('pbx-user-csv-pack-');
    const pack = runOk('npm', ['pack', '--json', '--pack-destination', packDirectory], sources);
    // npm prints the lifecycle scripts' output before the JSON, which starts with a line holding only `[`.
    [packed] = JSON.parse(pack.stdout.slice(pack.stdout.search(/^\[$/m)));
    tarball = path.join(packDirectory, packed.filename);

    consumer = temporaryFolder('pbx-user-csv-consumer-');
    const install = runOk('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], consumer);
    installOutput = install.stdout + install.stderr;
    installed = path.join(consumer, 'node_modules', 'pbx-user-csv');
    fs.copyFileSync(path.join(repoRoot, 'examples', EXAMPLE), path.join(consumer, EXAMPLE));
  });

  test('the tarball holds only what runs: the bins, the two bundles, the dialect files, and the docs npm shows', () => {
    const expected = [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'bin/pbx-user-csv-language-server.js',
      'bin/pbx-user-csv.js',
      'dist/cli.js',
      'dist/server.js',
      'package.json',
      ...filesBelow(path.join(repoRoot, 'schemas')).map((file) => `schemas/${file}`),
    ].sort();
    assert.deepEqual(packed.files.map((file) => file.path).sort(), expected);
    assert.equal(fs.statSync(tarball).size, packed.size);
    // Before: 2.4 MB with tests, screenshots and sources, and no dist/.
    assert.ok(packed.size < 512 * 1024, `the tarball is ${packed.size} bytes`);
  });

  test('installing it pulls no other package, because the bundles carry their libraries', () => {
    const packages = fs.readdirSync(path.join(consumer, 'node_modules')).filter((name) => !name.startsWith('.'));
    assert.deepEqual(packages, ['pbx-user-csv'], 'a runtime library belongs in devDependencies: esbuild bundles it into dist/');
  });

  test('it runs no script when installed, and npm does not warn about it', () => {
    const installedManifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    const installScripts = ['preinstall', 'install', 'postinstall', 'prepare'].filter((name) => installedManifest.scripts?.[name]);
    assert.deepEqual(installScripts, []);
    assert.doesNotMatch(installOutput, /warn.*pbx-user-csv/i);
    assert.equal(installedManifest.private, undefined, 'a private package cannot be published');
  });

  test('the package says where it comes from and under which licence', () => {
    const installedManifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    assert.equal(installedManifest.license, 'MIT');
    assert.match(fs.readFileSync(path.join(installed, 'LICENSE'), 'utf8'), /^MIT License\n/);
    assert.deepEqual(installedManifest.repository, { type: 'git', url: 'https://github.com/pbx-user-csv/pbx-user-csv.git' });
    assert.equal(installedManifest.homepage, 'https://github.com/pbx-user-csv/pbx-user-csv#readme');
    assert.deepEqual(installedManifest.bugs, { url: 'https://github.com/pbx-user-csv/pbx-user-csv/issues' });
    assert.ok(installedManifest.keywords.includes('portsip') && installedManifest.keywords.includes('xivo'));
  });

  test('npx pbx-user-csv validate reports the example\'s mistakes and exits 1', () => {
    const validation = run('npx', ['--no', 'pbx-user-csv', 'validate', EXAMPLE], consumer);
    assert.equal(validation.status, 1, validation.stderr);
    const reported = validation.stdout.split('\n');
    assert.ok(
      reported.includes(`${EXAMPLE}:${YES_LINE + 1}:${YES_CHARACTER + 1}: error ${YES_MESSAGE} [value-boolean]`),
      validation.stdout,
    );
  });

  test('pbx-user-csv --version prints the version of the package', () => {
    const version = runOk(path.join(consumer, 'node_modules', '.bin', 'pbx-user-csv'), ['--version'], consumer);
    assert.equal(version.stdout.trim(), manifest.version);
  });

  describe('pbx-user-csv-language-server --stdio from the installed package', () => {
    let client: LspTestClient;
    before(async () => {
      client = await LspTestClient.start({ serverBin: path.join(consumer, 'node_modules', '.bin', 'pbx-user-csv-language-server') });
    });
    after(async () => {
      await client?.stop();
    });

    test('answers initialize and publishes the diagnostics of an opened example', async () => {
      assert.equal(client.initializeResult.capabilities.hoverProvider, true);
      const uri = pathToFileURL(path.join(consumer, EXAMPLE)).href;
      const published = await client.openAndSettle(uri, fs.readFileSync(path.join(consumer, EXAMPLE), 'utf8'));
      const yes = published.diagnostics.filter((diagnostic) => diagnostic.code === 'value-boolean');
      assert.deepEqual(
        yes.map(({ range, severity, message }) => ({ range, severity, message })),
        [
          {
            range: { start: { line: YES_LINE, character: YES_CHARACTER }, end: { line: YES_LINE, character: YES_CHARACTER + 3 } },
            severity: 1,
            message: YES_MESSAGE,
          },
        ],
      );
    });
  });
});
