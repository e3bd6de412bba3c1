// Spreadsheet formula injection: a free-text cell starting with =, +, - or @ may be run as a formula
// when someone opens the file in a spreadsheet. Only columns the dialect marks as free text, so
// numbers such as +15145550100 are never reported.
import { cellSpan, type ValidationRun } from './context';
import type { RowCheck } from './structure';

const TRIGGERS = new Set(['=', '+', '-', '@']);

export function createFormulaCheck(run: ValidationRun): RowCheck | undefined {
  if (!run.settings.formulaInjection) return undefined;
  const columns = run.bindings.filter((b) => b.column.formulaInjection && !b.column.secret);
  if (columns.length === 0) return undefined;
  return (row) => {
    for (const { column, index } of columns) {
      const cell = row.cells[index];
      if (!cell || cell.value === '' || !TRIGGERS.has(cell.value[0])) continue;
      run.report(
        'formula-injection',
        'information',
        cellSpan(cell),
        `${column.name} starts with "${cell.value[0]}": a spreadsheet may run it as a formula when the file is opened`,
        { data: { character: cell.value[0] } },
      );
    }
  };
}
