// Files whose rows hold known secrets in every secret column of a dialect, intact or structurally damaged
// (a stray opening quote, an unquoted comma, a missing comma): the cells of a damaged row shift, so a
// secret lands in a column whose messages used to quote the value. Every front must keep them all hidden.
import type { CompiledColumn, Dialect } from '../../server/src/service/index';

export const DAMAGES = ['intact', 'stray quote', 'unquoted comma', 'missing comma'] as const;
export type Damage = (typeof DAMAGES)[number];

export interface SecretsFile {
  dialect: string;
  damage: Damage;
  text: string;
  /** The secret values in the file. */
  secrets: string[];
  /** Offsets of the damaged (second) data row. */
  rowStart: number;
  rowEnd: number;
}

/** A value a column accepts, so that the intact row has few findings of its own. */
export function plainValue(column: CompiledColumn, dialect: Dialect): string {
  if (column.example !== undefined && !column.example.includes('"')) return column.example.includes(',') ? '' : column.example;
  switch (column.type) {
    case 'boolean':
      return dialect.booleans.true;
    case 'enum':
      return column.values[0]?.value ?? '';
    case 'integer':
      return String(column.minimum ?? 1);
    case 'email':
      return 'user@example.com';
    case 'uuid':
      return '123e4567-e89b-42d3-a456-426614174000';
    case 'languageTag':
      return 'en-US';
    case 'json':
    case 'list':
      return '';
    default:
      return column.required ? 'text' : '';
  }
}

/**
 * Secret values: digits only (PINs, and what a shifted cell makes an integer or extension column quote), or
 * letters, digits and specials meeting the password policy. `round` varies them between files.
 */
export function secretValue(kind: 'digits' | 'password', index: number, round: number): string {
  return kind === 'digits' ? `${80 + index}${73 + round}5${index}91` : `Qz${index}!Scrt${round}#w${index}`;
}

/** The file of `dialect` with its secret columns filled, one clean row, then the row with `damage`. */
export function secretsFile(dialect: Dialect, damage: Damage, kind: 'digits' | 'password', round = 0): SecretsFile {
  const columns = dialect.columns;
  const secrets: string[] = [];
  const cells = columns.map((column) => {
    if (!column.secret) return plainValue(column, dialect);
    const secret = secretValue(column.policy?.kind === 'pin' ? 'digits' : kind, secrets.length, round);
    secrets.push(secret);
    return secret;
  });
  const firstSecret = columns.findIndex((c) => c.secret);
  let row: string;
  if (damage === 'intact') {
    row = cells.join(',');
  } else if (damage === 'stray quote') {
    row = `"${cells.join(',')}`;
  } else if (damage === 'unquoted comma') {
    // The first text column before a secret gets a name with a comma: every later cell moves right.
    const at = columns.findIndex((c, i) => i < firstSecret && c.type === 'string' && !c.secret);
    const shifted = cells.slice();
    shifted[at >= 0 ? at : 0] = 'Lopez, Maria';
    row = shifted.join(',');
  } else {
    // The comma before the first secret is lost: the secret joins the cell before it, later cells move left.
    row = cells.slice(0, firstSecret).join(',') + cells.slice(firstSecret).join(',');
  }
  const header = columns.map((c) => c.name).join(',');
  const clean = cells.join(',');
  const rowStart = header.length + 1 + clean.length + 1;
  return { dialect: dialect.id, damage, text: `${header}\n${clean}\n${row}\n`, secrets, rowStart, rowEnd: rowStart + row.length };
}

/** The secrets found in `output` (none, for a front that keeps them). */
export function leakedSecrets(output: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => output.includes(secret));
}
