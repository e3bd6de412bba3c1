// Core problems (UTF-16 offset spans) → LSP diagnostics (line/character ranges of the same document).
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import type { Diagnostic, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Problem, Severity, Span } from '../service/index';

export const DIAGNOSTIC_SOURCE = 'pbx-user-csv';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const TAGS = { unnecessary: DiagnosticTag.Unnecessary, deprecated: DiagnosticTag.Deprecated } as const;

/**
 * Published instead of the problems when the core failed on a document: an empty list would make the file
 * look clean (and wipe what Validate Workspace had found in it).
 */
export const CHECK_FAILED: Diagnostic = {
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  severity: DiagnosticSeverity.Warning,
  source: DIAGNOSTIC_SOURCE,
  code: 'check-failed',
  message: 'PBX User CSV could not check this file: the validation failed (see the PBX User CSV output channel). Its problems are not shown, not fixed.',
};

function rangeOf(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

export interface DiagnosticOptions {
  /** Base address of the rules documentation; the rule id becomes the fragment. */
  rulesDocumentationUrl?: string;
}

export function toDiagnostic(document: TextDocument, problem: Problem, options: DiagnosticOptions = {}): Diagnostic {
  const diagnostic: Diagnostic = {
    range: rangeOf(document, problem),
    severity: SEVERITIES[problem.severity] ?? DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: problem.rule,
    message: problem.message,
  };
  if (options.rulesDocumentationUrl) {
    diagnostic.codeDescription = { href: `${options.rulesDocumentationUrl}#${encodeURIComponent(problem.rule)}` };
  }
  if (problem.related && problem.related.length > 0) {
    diagnostic.relatedInformation = problem.related.map((related) => ({
      location: { uri: document.uri, range: rangeOf(document, related) },
      message: related.message,
    }));
  }
  if (problem.tags && problem.tags.length > 0) {
    diagnostic.tags = problem.tags.map((tag) => TAGS[tag]).filter((tag) => tag !== undefined);
  }
  if (problem.data !== undefined) diagnostic.data = problem.data;
  return diagnostic;
}
