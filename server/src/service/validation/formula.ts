// Spreadsheet formula injection: a free-text cell starting with =, +, -, @, tab or CR may be run as a
// formula when someone opens the file in a spreadsheet. Only free-text columns (see holdsFreeText in
// dialects/compile.ts; a dialect file may opt a column in or out), so numbers such as +15145550100 are
// never reported, and never secret columns.
import { FORMULA_TRIGGERS } from '../dialects/compile';
import { cellSpan, type ValidationRun } from './context';
import type { RowCheck } from './structure';

const TRIGGERS = new Set(FORMULA_TRIGGERS);

/** A signed number alone (+15145550100 in a caller id, -5): a spreadsheet reads it as a number, runs nothing. */
const SIGNED_NUMBER = /^[+-][0-9]+(\.[0-9]+)?$/;

export function createFormulaCheck(run: ValidationRun): RowCheck | undefined {
  if (!run.settings.formulaInjection) return undefined;
  const columns = run.bindings.filter((b) => b.column.formulaInjection && !b.column.secret);
  if (columns.length === 0) return undefined;
  return (row) => {
    for (const { column, index } of columns) {
      const cell = row.cells[index];
      if (!cell || cell.value === '' || !TRIGGERS.has(cell.value[0]) || SIGNED_NUMBER.test(cell.value)) continue;
      run.report(
        'formula-injection',
        'information',
        cellSpan(cell),
        `${column.name} starts with ${JSON.stringify(cell.value[0])}: a spreadsheet may run it as a formula when the file is opened`,
        { data: { character: cell.value[0] } },
      );
    }
  };
}
