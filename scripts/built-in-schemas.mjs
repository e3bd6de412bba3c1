// The esbuild plugin behind `import files from 'pbx-user-csv:built-in-schemas'` (the web worker's server):
// every file of schemas/ by its path below that folder, as minified JSON text.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCHEMAS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'schemas');
const MODULE = 'pbx-user-csv:built-in-schemas';

/** `{ 'portsip-v22.dialect.json': '{"id":…}', 'json/portsip-office-hours.schema.json': … }` */
export async function builtInSchemaFiles(dir = SCHEMAS_DIR) {
  const files = {};
  for (const entry of (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.json'))) {
    const full = path.join(entry.parentPath ?? entry.path, entry.name);
    const name = path.relative(dir, full).split(path.sep).join('/');
    // Parsing also proves each file is plain JSON, which the core reads them as.
    files[name] = JSON.stringify(JSON.parse(await readFile(full, 'utf8')));
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function builtInSchemasPlugin() {
  return {
    name: 'built-in-schemas',
    setup(build) {
      build.onResolve({ filter: /^pbx-user-csv:built-in-schemas$/ }, () => ({ path: MODULE, namespace: 'built-in-schemas' }));
      build.onLoad({ filter: /.*/, namespace: 'built-in-schemas' }, async () => ({
        contents: JSON.stringify(await builtInSchemaFiles()),
        loader: 'json',
        watchDirs: [SCHEMAS_DIR],
      }));
    },
  };
}
