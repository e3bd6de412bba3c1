// The cursor's column, the cells of a row to jump to, and a JSON cell edited in a tab of its own: taken out
// (pretty JSON), checked as the user types (the checks JSON Schema cannot express, at the right key), and
// written back into exactly that cell. The JSON travels in these messages but is never logged: it may hold
// phone passwords (the guard logs a failure's stack, not its message).
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  checkJsonText,
  cursorCell,
  isJsonColumn,
  jsonCellAtOffset,
  jsonCellTarget,
  jsonCellWrite,
  rowCells,
  type JsonCellLookup,
  type LanguageService,
  type MacContext,
} from '../../service/index';
import {
  CHECKED_JSON_URI,
  CursorRequest,
  JsonCellRequest,
  JsonCheckRequest,
  RowCellsRequest,
  WriteJsonCellRequest,
  type JsonCellInfo,
  type JsonCellResult,
  type WriteJsonCellResult,
} from '../cellProtocol';
import { toDiagnostic } from '../diagnostics';
import { parsedOpenDocument, type OpenParsedDocument } from '../parsedDocument';
import { guarded } from '../safety';
import type { ServerState } from '../state';

export function registerCellHandlers(state: ServerState): void {
  const { connection, logger } = state;
  const builtInSchemas = new BuiltInSchemas();

  connection.onRequest(
    CursorRequest,
    guarded(
      logger,
      'cursor',
      async (params) => {
        const found = await parsedOpenDocument(state, params.uri);
        if (!found) return null;
        return cursorCell(found.parsed, found.document.offsetAt(params.position)) ?? null;
      },
      null,
    ),
  );

  connection.onRequest(
    RowCellsRequest,
    guarded(
      logger,
      'row cells',
      async (params) => {
        const found = await parsedOpenDocument(state, params.uri);
        if (!found) return null;
        const { document } = found;
        return rowCells(found.parsed, params.record).map(({ start, end, ...cell }) => ({
          ...cell,
          range: { start: document.positionAt(start), end: document.positionAt(end) },
        }));
      },
      null,
    ),
  );

  connection.onRequest(
    JsonCellRequest,
    guarded(
      logger,
      'JSON cell',
      async (params): Promise<JsonCellResult | null> => {
        const found = await parsedOpenDocument(state, params.uri);
        if (!found) return null;
        const { document, parsed } = found;
        const lookup: JsonCellLookup = params.position
          ? jsonCellAtOffset(parsed, document.offsetAt(params.position))
          : jsonCellTarget(parsed, params.record ?? -1, params.column ?? -1);
        if (!lookup.target) return { version: document.version, refused: lookup.refused };
        const { rawStart, rawEnd, ...target } = lookup.target;
        const cell: JsonCellInfo = { ...target, range: { start: document.positionAt(rawStart), end: document.positionAt(rawEnd) } };
        const builtIn = builtInSchemas.key(state.service, target.schemaUri);
        if (builtIn) cell.builtInSchema = builtIn;
        return { version: document.version, cell };
      },
      null,
    ),
  );

  connection.onRequest(
    WriteJsonCellRequest,
    guarded(
      logger,
      'JSON cell write',
      async (params): Promise<WriteJsonCellResult> => {
        const found = await parsedOpenDocument(state, params.uri);
        if (!found) return { refused: 'changed', message: 'the CSV file is not open or is no longer a user CSV' };
        const { document, parsed } = found;
        if (document.version !== params.version) return { refused: 'stale' };
        const rawStart = document.offsetAt(params.range.start);
        const write = jsonCellWrite(parsed, { rawStart, column: params.column, raw: params.raw }, params.json);
        if (write.refused === 'syntax') return { refused: 'syntax', message: write.message, position: { line: write.line ?? 0, character: write.character ?? 0 } };
        if (write.refused) return { refused: write.refused, message: write.message };
        return { cellText: write.cellText };
      },
      { refused: 'changed', message: 'the cell could not be written (see the PBX User CSV output channel)' },
    ),
  );

  connection.onRequest(
    JsonCheckRequest,
    guarded(
      logger,
      'JSON check',
      async (params) => {
        const found = await parsedOpenDocument(state, params.uri);
        const column = found?.parsed.columns[params.column];
        if (!found || !isJsonColumn(column)) return { diagnostics: [] };
        const problems = checkJsonText(params.json, { name: column.name, schema: column.jsonSchema }, {
          schemaErrors: params.schemaErrors,
          syntaxErrors: false, // the editor's JSON support reports them
          severityOverrides: found.options.settings?.severityOverrides,
          macs: params.record === undefined ? undefined : macContext(state, found, params.uri, params.record, params.column),
        });
        const json = TextDocument.create(CHECKED_JSON_URI, 'json', 0, params.json);
        return { diagnostics: problems.map((problem) => toDiagnostic(json, problem, { rulesDocumentationUrl: state.rulesDocumentationUrl })) };
      },
      { diagnostics: [] },
    ),
  );
}

/** The rest of the file's MACs for the JSON of cell (`record`, `column`); undefined when there is no such cell. */
function macContext(state: ServerState, found: OpenParsedDocument, uri: string, record: number, column: number): MacContext | undefined {
  const { model } = found.parsed;
  if (!Number.isInteger(record) || record < 1 || record >= model.recordCount || column >= model.cellCount(record)) return undefined;
  const places = state.sessions.macPlaces(uri, found.document.getText(), found.options);
  if (!places) return undefined;
  return {
    line: found.document.positionAt(model.contentStart(record, column)).line + 1,
    elsewhere: (key) => places(key).filter((place) => place.record !== record || place.column !== column),
  };
}

/** The JSON Schemas of the built-in dialects, by URI, known by their file name (see JsonCellInfo.builtInSchema). */
class BuiltInSchemas {
  private service: LanguageService | undefined;
  private keys = new Map<string, string>();

  key(service: LanguageService, uri: string): string | undefined {
    if (service !== this.service) {
      this.service = service;
      this.keys = new Map();
      for (const summary of service.dialects()) {
        const dialect = service.dialect(summary.id);
        if (!dialect?.builtIn) continue;
        for (const column of dialect.columns) {
          const schemaUri = column.jsonSchema?.uri;
          const name = schemaUri ? /([^/]+)\.schema\.json$/.exec(schemaUri)?.[1] : undefined;
          if (schemaUri && name) this.keys.set(schemaUri, name);
        }
      }
    }
    return this.keys.get(uri);
  }
}
