// One editing session per open document, for editor fronts (the LSP server): the front reports each
// edit as it arrives, then asks for a validation of the current text whenever it likes (debounced);
// the session gets every edit made since its last validation.
import type { LanguageService, ValidateOptions } from '../index';
import type { ValidationResult } from '../types';
import type { DocumentSession } from './session';
import type { TextChange } from './textChange';

/** Past this many edits between two validations, comparing the texts is as cheap as replaying them. */
const MAX_PENDING_CHANGES = 10_000;

interface Entry {
  service: LanguageService;
  session: DocumentSession;
  /** Edits since the last validation; undefined: unknown (the whole text was replaced), compare texts. */
  pending: TextChange[] | undefined;
}

export class DocumentSessions {
  private readonly entries = new Map<string, Entry>();

  /** `service`: the current core; a session made by another core (custom dialects reloaded) is replaced. */
  constructor(private readonly service: () => LanguageService) {}

  /** An edit of an open document, offsets counted in its text just before this edit. */
  changed(uri: string, change: TextChange): void {
    const entry = this.entries.get(uri);
    if (!entry?.pending) return;
    if (entry.pending.length >= MAX_PENDING_CHANGES) entry.pending = undefined;
    else entry.pending.push({ start: change.start, end: change.end, text: change.text });
  }

  /** The whole text of an open document was replaced: its next validation compares the texts. */
  replaced(uri: string): void {
    const entry = this.entries.get(uri);
    if (entry) entry.pending = undefined;
  }

  /** The validation of the document's current `text`, incremental when a session follows it. */
  validate(uri: string, text: string, options: ValidateOptions): ValidationResult {
    const service = this.service();
    if (!service.openDocument) return service.validate(text, options);
    const entry = this.entries.get(uri);
    if (!entry || entry.service !== service) {
      this.close(uri);
      const session = service.openDocument(text, options);
      this.entries.set(uri, { service, session, pending: [] });
      return session.result;
    }
    const changes = entry.pending;
    entry.pending = [];
    try {
      return entry.session.update(changes ? { text, changes } : text, options);
    } catch (error) {
      // A session that failed may be half updated: the next validation starts a new one.
      this.close(uri);
      throw error;
    }
  }

  /** The document closed (or its session must not be trusted any more). */
  close(uri: string): void {
    this.entries.get(uri)?.session.close?.();
    this.entries.delete(uri);
  }
}
