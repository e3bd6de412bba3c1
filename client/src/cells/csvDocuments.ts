// Which documents the cell features work on: those the language client syncs (see documentSelector).
import * as vscode from 'vscode';

export function isCsvDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'csv' || (document.uri.scheme === 'file' && /\.csv$/i.test(document.uri.path));
}

/** The CSV documents' selector of the hover and code-action providers (as the language client's). */
export const CSV_SELECTOR: vscode.DocumentSelector = [{ language: 'csv' }, { scheme: 'file', pattern: '**/*.csv' }];
