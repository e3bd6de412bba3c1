// Name, version and home page of the tool, read from the package manifest that ships next to the code
// (dist/cli.js in the package, out/server/cli/*.js or the sources when run from the repository).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ToolInfo } from './format/types';

const PACKAGE_NAME = 'pbx-user-csv';

export function readToolInfo(startDirectory: string = __dirname): ToolInfo {
  const manifest = findManifest(startDirectory);
  const version = typeof manifest?.version === 'string' ? manifest.version : '0.0.0';
  return { name: PACKAGE_NAME, version, informationUri: informationUri(manifest) };
}

interface Manifest {
  name?: unknown;
  version?: unknown;
  publisher?: unknown;
  homepage?: unknown;
  repository?: unknown;
}

function findManifest(directory: string): Manifest | undefined {
  for (let dir = directory; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
      if (manifest.name === PACKAGE_NAME) return manifest;
    } catch {
      // no manifest here (or not ours): keep climbing
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** homepage, else the repository URL, else the extension's Marketplace page (publisher.name). */
function informationUri(manifest: Manifest | undefined): string {
  if (typeof manifest?.homepage === 'string') return manifest.homepage;
  const repository = manifest?.repository;
  const repositoryUrl = typeof repository === 'string' ? repository : (repository as { url?: unknown } | undefined)?.url;
  if (typeof repositoryUrl === 'string' && /^https?:\/\//.test(repositoryUrl)) return repositoryUrl.replace(/\.git$/, '');
  const publisher = typeof manifest?.publisher === 'string' ? manifest.publisher : PACKAGE_NAME;
  return `https://marketplace.visualstudio.com/items?itemName=${encodeURIComponent(publisher)}.${PACKAGE_NAME}`;
}
