// The per-record checks of a dialect, in the order every validation runs them; the uniqueness check
// (across records) stands between `before` and `after`, so that problems on the same span keep one order.
import type { Dialect } from '../dialects/model';
import { createCellCheck } from './cells';
import type { ValidationRun } from './context';
import { createFormulaCheck } from './formula';
import { createPolicyCheck } from './policy';
import { createResourceCheck } from './resources';
import { createRowShapeCheck, type RowCheck } from './structure';

export function createRowChecks(run: ValidationRun): { before: RowCheck[]; after: RowCheck[] } {
  const defined = (checks: Array<RowCheck | undefined>): RowCheck[] => checks.filter((c): c is RowCheck => c !== undefined);
  return {
    before: defined([createRowShapeCheck(run), createCellCheck(run)]),
    after: defined([createResourceCheck(run), createPolicyCheck(run), createFormulaCheck(run)]),
  };
}

/** Whether rows broken by a pasted JSON document are looked for (the dialect has JSON columns). */
export function looksForPastedJson(dialect: Dialect): boolean {
  return dialect.columns.some((c) => c.type === 'json');
}
