// The table preview's page (bundled for the browser into dist/table.js). Rows and columns are virtualized
// with @tanstack/virtual-core: only the cells on screen are in the DOM, and only their rows are fetched
// (in blocks, through the extension, from the language server), so a 40,000-row file opens as fast as a
// small one. A grid in the ARIA sense: arrow keys, Page Up/Down, Home/End move the active cell; Enter (or a
// click) selects it in the text editor. Colours are VS Code's theme variables (table.css).
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect, type VirtualItem } from '@tanstack/virtual-core';
import type { Severity, TableCell, TableColumn, TableRow } from '../../../server/src/service/index';
import { TABLE_BLOCK as BLOCK, type FromWebview, type TableFilterState, type TableMessage, type TableViewState, type ToWebview } from '../table/tableMessages';
import './table.css';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): TableViewState | undefined;
  setState(state: TableViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 28;
const ROW_HEADER_WIDTH = 72;
const FILTER_DEBOUNCE_MS = 200;
const RANK: Record<Severity, number> = { error: 4, warning: 3, information: 2, hint: 1 };

const vscode = acquireVsCodeApi();
/** Date.now() when the script started, got the table, drew its first rows. */
const timings = { script: Date.now(), table: 0, drawn: 0 };
const grid = document.getElementById('grid') as HTMLDivElement;
const summary = document.getElementById('summary') as HTMLSpanElement;
const problemsOnly = document.getElementById('problems-only') as HTMLInputElement;
const textFilter = document.getElementById('text-filter') as HTMLInputElement;

const canvas = document.createElement('div');
canvas.className = 'canvas';
canvas.setAttribute('role', 'presentation');
const header = document.createElement('div');
header.className = 'header';
header.setAttribute('role', 'row');
header.setAttribute('aria-rowindex', '1');
const body = document.createElement('div');
body.className = 'body';
body.setAttribute('role', 'presentation');
canvas.append(header, body);
grid.append(canvas);
/** Shown instead of the grid when the file is not a user CSV. */
const notice = document.createElement('p');
notice.className = 'notice';
notice.hidden = true;
grid.before(notice);

let table: TableMessage | undefined;
let widths: number[] = [];
let total = 0;
let filter: TableFilterState = { problemsOnly: false, text: '' };
/** Changes with every new table message or filter: answers to older requests only fill in until fresh ones arrive. */
let query = 0;
/** Rows by block of the current query, and of the previous one (shown until replaced). */
let blocks = new Map<number, TableRow[]>();
let staleBlocks = new Map<number, TableRow[]>();
const requested = new Map<number, { query: number; block: number }>();
const pendingBlocks = new Set<number>();
let nextRequest = 1;
let active = { row: 0, column: 0 };
let firstRowsShown = false;
let restore: TableViewState | undefined = vscode.getState();
/** The CSV document's URI, from the extension's first message; kept in the state for a window reload. */
let documentUri = restore?.uri;

const rows = new Virtualizer<HTMLDivElement, HTMLDivElement>({
  count: 0,
  getScrollElement: () => grid,
  estimateSize: () => ROW_HEIGHT,
  paddingStart: HEADER_HEIGHT,
  scrollPaddingStart: HEADER_HEIGHT,
  overscan: 10,
  observeElementRect,
  observeElementOffset,
  scrollToFn: elementScroll,
  onChange: () => scheduleRender(),
});
const columns = new Virtualizer<HTMLDivElement, HTMLDivElement>({
  horizontal: true,
  count: 0,
  getScrollElement: () => grid,
  estimateSize: (i) => widths[i] ?? 120,
  paddingStart: ROW_HEADER_WIDTH,
  scrollPaddingStart: ROW_HEADER_WIDTH,
  overscan: 2,
  observeElementRect,
  observeElementOffset,
  scrollToFn: elementScroll,
  onChange: () => scheduleRender(),
});
rows._didMount();
columns._didMount();
rows._willUpdate();
columns._willUpdate();

// ---------------------------------------------------------------- messages

window.addEventListener('message', (event: MessageEvent<ToWebview>) => receive(event.data));

function receive(message: ToWebview): void {
  if (message.type !== 'rows' && message.uri !== documentUri) {
    documentUri = message.uri;
    saveState(0);
  }
  switch (message.type) {
    case 'table':
      receiveTable(message);
      break;
    case 'rows':
      receiveRows(message.requestId, message.total, message.rows);
      break;
    case 'notUserCsv':
      table = undefined;
      grid.hidden = true;
      notice.hidden = false;
      notice.textContent = `${message.fileName} is not a user CSV of a known dialect: there is no table to show.`;
      summary.textContent = '';
      break;
  }
}

function receiveTable(message: TableMessage): void {
  const first = table === undefined;
  table = message;
  grid.hidden = false;
  notice.hidden = true;
  // Widths from the header and the first rows (kept afterwards, so that columns do not jump as rows arrive).
  if (first || widths.length !== message.columns.length) widths = message.columns.map((column, i) => columnWidth(column, message.firstRows?.map((row) => row.cells[i]?.text ?? '') ?? []));
  columns.setOptions({ ...columns.options, count: message.columns.length });
  columns._willUpdate();
  columns.measure();
  grid.setAttribute('aria-colcount', String(message.columns.length + 1));
  if (first && restore) {
    filter = restore.filter;
    problemsOnly.checked = filter.problemsOnly;
    textFilter.value = filter.text;
  }
  if (!filtered()) setTotal(message.rowCount);
  newQuery(true);
  if (message.firstRows && !filtered()) blocks.set(0, message.firstRows); // fewer than a block: the rest is asked for
  updateSummary();
  timings.table = Date.now();
}

function receiveRows(requestId: number, newTotal: number, received: TableRow[]): void {
  const request = requested.get(requestId);
  requested.delete(requestId);
  if (!request || request.query !== query) return;
  pendingBlocks.delete(request.block);
  blocks.set(request.block, received);
  if (newTotal !== total) setTotal(newTotal);
  if (restore) {
    const saved = restore;
    restore = undefined;
    grid.scrollTop = saved.scrollTop;
    grid.scrollLeft = saved.scrollLeft;
  }
  scheduleRender();
}

/** Forgets fetched rows (kept on screen until replaced when `keepShown`) and asks for the visible ones again. */
function newQuery(keepShown: boolean): void {
  query++;
  staleBlocks = keepShown ? mergedBlocks() : new Map();
  blocks = new Map();
  pendingBlocks.clear();
  scheduleRender();
}

function mergedBlocks(): Map<number, TableRow[]> {
  const merged = new Map(staleBlocks);
  for (const [block, list] of blocks) merged.set(block, list);
  return merged;
}

/** Whether all rows of a block are there (the rows the page was made with may be fewer). */
function complete(block: number): boolean {
  const list = blocks.get(block);
  return list !== undefined && (list.length === BLOCK || block * BLOCK + list.length >= total);
}

function request(block: number): void {
  if (pendingBlocks.has(block) || complete(block)) return;
  pendingBlocks.add(block);
  const requestId = nextRequest++;
  requested.set(requestId, { query, block });
  vscode.postMessage({ type: 'rows', requestId, from: block * BLOCK, count: BLOCK, filter });
}

function setTotal(count: number): void {
  total = count;
  rows.setOptions({ ...rows.options, count });
  rows._willUpdate();
  rows.measure();
  grid.setAttribute('aria-rowcount', String(count + 1));
  if (active.row >= count) active = { row: Math.max(0, count - 1), column: active.column };
  updateSummary();
}

const filtered = () => filter.problemsOnly || filter.text.trim() !== '';

function updateSummary(): void {
  if (!table) return;
  const parts = [table.dialect ?? ''];
  parts.push(filtered() ? `${total.toLocaleString()} of ${table.rowCount.toLocaleString()} rows` : `${table.rowCount.toLocaleString()} rows`);
  parts.push(table.checked ? `${(table.rowsWithProblems ?? 0).toLocaleString()} with problems` : 'checking…');
  summary.textContent = parts.filter(Boolean).join(' · ');
}

// ---------------------------------------------------------------- filters

let filterTimer: ReturnType<typeof setTimeout> | undefined;
function filterChanged(): void {
  clearTimeout(filterTimer);
  filterTimer = setTimeout(() => {
    filter = { problemsOnly: problemsOnly.checked, text: textFilter.value };
    saveState();
    grid.scrollTop = 0;
    active = { row: 0, column: active.column };
    newQuery(false);
    if (!filtered() && table) setTotal(table.rowCount);
  }, FILTER_DEBOUNCE_MS);
}
problemsOnly.addEventListener('change', filterChanged);
textFilter.addEventListener('input', filterChanged);

let saveTimer: ReturnType<typeof setTimeout> | undefined;
function saveState(delayMs = 200): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    // A scroll position still to be restored (its rows not there yet) is the one to keep.
    const scroll = restore ?? grid;
    if (documentUri !== undefined) vscode.setState({ uri: documentUri, filter, scrollTop: scroll.scrollTop, scrollLeft: scroll.scrollLeft });
  }, delayMs);
}
grid.addEventListener('scroll', () => saveState(), { passive: true });

// ---------------------------------------------------------------- rendering

let renderQueued = false;
function scheduleRender(): void {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    render();
  });
}

function rowAt(index: number): TableRow | undefined {
  const block = Math.floor(index / BLOCK);
  return (blocks.get(block) ?? staleBlocks.get(block))?.[index - block * BLOCK];
}

function render(): void {
  if (!table) return;
  const visibleRows = rows.getVirtualItems();
  const visibleColumns = columns.getVirtualItems();
  canvas.style.height = `${rows.getTotalSize()}px`;
  canvas.style.width = `${columns.getTotalSize()}px`;
  renderHeader(table.columns, visibleColumns);

  const fragment = document.createDocumentFragment();
  let shown = 0;
  for (const item of visibleRows) {
    const row = rowAt(item.index);
    fragment.append(renderRow(item, row, visibleColumns));
    if (row) shown++;
  }
  body.replaceChildren(fragment);
  const activeCell = document.getElementById(cellId(active.row, active.column));
  if (activeCell) grid.setAttribute('aria-activedescendant', activeCell.id);
  else grid.removeAttribute('aria-activedescendant');

  // Fetch the blocks of the visible rows that are not there yet.
  if (visibleRows.length > 0) {
    const firstBlock = Math.floor(visibleRows[0].index / BLOCK);
    const lastBlock = Math.floor(visibleRows[visibleRows.length - 1].index / BLOCK);
    for (let block = firstBlock; block <= lastBlock; block++) request(block);
  } else if (total === 0 && filtered()) {
    request(0); // an empty result still tells the total
  }
  if (!firstRowsShown && shown > 0 && table.openedAt !== undefined) {
    firstRowsShown = true;
    timings.drawn = Date.now();
    grid.dataset.firstRowsMs = String(timings.drawn - table.openedAt);
    // When each step happened, after the command ran (the end-to-end test writes them down).
    grid.dataset.timings = JSON.stringify({
      pageStarted: Math.round(performance.timeOrigin) - table.openedAt,
      scriptStarted: timings.script - table.openedAt,
      tableReceived: timings.table - table.openedAt,
      drawn: timings.drawn - table.openedAt,
    });
  }
}

function renderHeader(list: TableColumn[], visibleColumns: VirtualItem[]): void {
  const fragment = document.createDocumentFragment();
  const corner = document.createElement('div');
  corner.className = 'corner';
  corner.setAttribute('role', 'columnheader');
  corner.setAttribute('aria-colindex', '1');
  corner.textContent = '#';
  corner.title = 'Row number (the first user is row 1)';
  fragment.append(corner);
  for (const item of visibleColumns) {
    const column = list[item.index];
    const cell = document.createElement('div');
    cell.className = `column-header${column.severity ? ` severity-${column.severity}` : ''}${column.known ? '' : ' unknown'}`;
    cell.setAttribute('role', 'columnheader');
    cell.setAttribute('aria-colindex', String(item.index + 2));
    cell.style.left = `${item.start}px`;
    cell.style.width = `${item.size}px`;
    cell.textContent = column.name;
    const notes = [`${column.name} — column ${item.index + 1} of ${list.length}`];
    if (column.json) notes.push('JSON: hover a cell for the whole document');
    if (column.secret) notes.push('secret: values hidden');
    if (!column.known) notes.push('not a column of this dialect');
    cell.title = [notes.join('\n'), ...(column.messages ?? [])].join('\n\n');
    fragment.append(cell);
  }
  header.replaceChildren(fragment);
}

function renderRow(item: VirtualItem, row: TableRow | undefined, visibleColumns: VirtualItem[]): HTMLDivElement {
  const element = document.createElement('div');
  element.className = 'row';
  element.setAttribute('role', 'row');
  element.setAttribute('aria-rowindex', String(item.index + 2));
  element.style.transform = `translateY(${item.start}px)`;
  const rowHeader = document.createElement('div');
  rowHeader.setAttribute('role', 'rowheader');
  rowHeader.setAttribute('aria-colindex', '1');
  rowHeader.dataset.row = String(item.index);
  if (!row) {
    rowHeader.className = 'row-header loading';
    element.append(rowHeader);
    return element;
  }
  const worst = worstOf(row);
  rowHeader.className = `row-header${worst ? ` severity-${worst}` : ''}`;
  rowHeader.textContent = String(row.record);
  rowHeader.title = [`Row ${row.record}: ${row.name} — line ${row.line + 1}${row.broken ? '\nIts cells do not line up with the header: values hidden.' : ''}`, ...(row.messages ?? [])].join('\n\n');
  element.append(rowHeader);
  for (const columnItem of visibleColumns) {
    element.append(renderCell(item.index, columnItem, row.cells[columnItem.index]));
  }
  if (row.broken) element.classList.add('broken');
  return element;
}

function renderCell(rowIndex: number, item: VirtualItem, cell: TableCell | undefined): HTMLDivElement {
  const element = document.createElement('div');
  const isActive = rowIndex === active.row && item.index === active.column;
  element.id = cellId(rowIndex, item.index);
  element.className = `cell${cell?.severity ? ` severity-${cell.severity}` : ''}${cell?.masked ? ' masked' : ''}${isActive ? ' active' : ''}`;
  element.setAttribute('role', 'gridcell');
  element.setAttribute('aria-colindex', String(item.index + 2));
  if (isActive) element.setAttribute('aria-selected', 'true');
  element.dataset.row = String(rowIndex);
  element.dataset.column = String(item.index);
  element.style.left = `${item.start}px`;
  element.style.width = `${item.size}px`;
  if (!cell) return element;
  element.textContent = cell.text;
  if (cell.masked) element.setAttribute('aria-label', 'hidden');
  const title = [cell.full ?? (cell.text.length > 12 ? cell.text : ''), ...(cell.messages ?? [])].filter(Boolean).join('\n\n');
  if (title) element.title = title;
  return element;
}

function worstOf(row: TableRow): Severity | undefined {
  let worst = row.severity;
  for (const cell of row.cells) if (cell.severity && (!worst || RANK[cell.severity] > RANK[worst])) worst = cell.severity;
  return worst;
}

const cellId = (row: number, column: number) => `cell-${row}-${column}`;

/** A column's width from its name, the longest of some of its values, and its kind (JSON columns are wider). */
function columnWidth(column: TableColumn, values: string[]): number {
  let longest = column.name.length;
  for (const value of values) longest = Math.max(longest, value.length);
  // About the editor font's character width, and the cell's padding.
  const wanted = Math.round(longest * 8.4 + 24);
  return Math.min(column.json ? 320 : 240, Math.max(column.json ? 220 : 96, wanted));
}

// ---------------------------------------------------------------- keyboard and mouse

function moveTo(row: number, column: number): void {
  if (!table || total === 0) return;
  active = { row: Math.max(0, Math.min(total - 1, row)), column: Math.max(0, Math.min(table.columns.length - 1, column)) };
  rows.scrollToIndex(active.row, { align: 'auto' });
  columns.scrollToIndex(active.column, { align: 'auto' });
  scheduleRender();
}

function revealActive(): void {
  const row = rowAt(active.row);
  if (row) vscode.postMessage({ type: 'reveal', record: row.record, column: active.column });
}

grid.addEventListener('keydown', (event) => {
  if (!table) return;
  const page = Math.max(1, Math.floor((grid.clientHeight - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
  const { row, column } = active;
  const last = table.columns.length - 1;
  const moves: Record<string, () => void> = {
    ArrowDown: () => moveTo(row + 1, column),
    ArrowUp: () => moveTo(row - 1, column),
    ArrowRight: () => moveTo(row, column + 1),
    ArrowLeft: () => moveTo(row, column - 1),
    PageDown: () => moveTo(row + page, column),
    PageUp: () => moveTo(row - page, column),
    Home: () => (event.ctrlKey ? moveTo(0, 0) : moveTo(row, 0)),
    End: () => (event.ctrlKey ? moveTo(total - 1, last) : moveTo(row, last)),
    Enter: revealActive,
    ' ': revealActive,
  };
  const move = moves[event.key];
  if (!move) return;
  event.preventDefault();
  move();
});

grid.addEventListener('click', (event) => {
  const target = (event.target as HTMLElement).closest<HTMLElement>('.cell, .row-header');
  if (!target?.dataset.row) return;
  const row = Number(target.dataset.row);
  const column = target.dataset.column !== undefined ? Number(target.dataset.column) : 0;
  active = { row, column };
  grid.focus({ preventScroll: true });
  scheduleRender();
  revealActive();
});

// The table the page was made with, then whatever changed since.
const initial = document.getElementById('initial')?.textContent;
if (initial) receive(JSON.parse(initial) as ToWebview);
vscode.postMessage({ type: 'ready' });
