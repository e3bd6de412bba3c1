// Finds the `schemas` folder at runtime. The code runs from out/server/src/service/dialects (tsc),
// from dist/ (esbuild bundle) or from inside the packaged extension; in each case the folder is a
// sibling of some ancestor directory, so walking up finds it.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const DIALECT_SCHEMA_FILE = 'dialect.schema.json';

export function findSchemasDirectory(startDirectory: string = __dirname): string | undefined {
  let directory = path.resolve(startDirectory);
  for (;;) {
    const candidate = path.join(directory, 'schemas');
    if (fs.existsSync(path.join(candidate, DIALECT_SCHEMA_FILE))) return candidate;
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}
