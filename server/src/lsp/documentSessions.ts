// One editing session per open document: the server reports each edit as it arrives, then asks for a
// validation (or the parsed document, for a feature) of the current text whenever it likes; the session
// gets every edit made since, and checks again only what they replaced.
import type { DocumentSession, LanguageService, MacPlaceInRecord, ParsedDocument, TextChange, ValidateOptions, ValidationResult } from '../service/index';

/** Past this many edits between two syncs, comparing the texts is as cheap as replaying them. */
const MAX_PENDING_CHANGES = 10_000;

interface Entry {
  service: LanguageService;
  session: DocumentSession;
  /** Edits not yet given to the session; undefined: unknown (the whole text was replaced), compare texts. */
  pending: TextChange[] | undefined;
  /** The options the session was last given. */
  optionsKey: string;
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

  /** The whole text of an open document was replaced: the next sync compares the texts. */
  replaced(uri: string): void {
    const entry = this.entries.get(uri);
    if (entry) entry.pending = undefined;
  }

  /**
   * The validation of the document's current `text`; undefined when `shouldYield` stopped it before the
   * end (the next call goes on where it stopped).
   */
  validate(uri: string, text: string, options: ValidateOptions, shouldYield?: () => boolean): ValidationResult | undefined {
    const session = this.sync(uri, text, options);
    try {
      return session.validate(shouldYield);
    } catch (error) {
      // A session that failed may be half updated: the next validation starts a new one.
      this.close(uri);
      throw error;
    }
  }

  /** The document for the editing features, or undefined when it is not a user CSV. */
  document(uri: string, text: string, options: ValidateOptions): ParsedDocument | undefined {
    return this.sync(uri, text, options).document();
  }

  /**
   * After a validation of the document's current `text` to its end: where its phones with a MAC (lowercase hex
   * digits) are. Undefined when it is not a user CSV.
   */
  macPlaces(uri: string, text: string, options: ValidateOptions): ((key: string) => MacPlaceInRecord[]) | undefined {
    this.validate(uri, text, options);
    const session = this.entries.get(uri)?.session;
    return session && ((key) => session.macPlaces(key));
  }

  /** The result of the last complete validation of the current text, if any. */
  result(uri: string): ValidationResult | undefined {
    return this.entries.get(uri)?.session.result;
  }

  /** The document closed (or its session must not be trusted any more). */
  close(uri: string): void {
    this.entries.get(uri)?.session.close();
    this.entries.delete(uri);
  }

  /** The session of `uri`, told every edit since the last sync and the current options. */
  private sync(uri: string, text: string, options: ValidateOptions): DocumentSession {
    const service = this.service();
    const optionsKey = JSON.stringify(options);
    const entry = this.entries.get(uri);
    if (!entry || entry.service !== service) {
      this.close(uri);
      const session = service.openDocument(text, options);
      this.entries.set(uri, { service, session, pending: [], optionsKey });
      return session;
    }
    const changes = entry.pending;
    entry.pending = [];
    const optionsChanged = optionsKey !== entry.optionsKey;
    entry.optionsKey = optionsKey;
    try {
      if (changes === undefined || changes.length > 0 || text !== entry.session.text || optionsChanged) {
        entry.session.update(changes ? { text, changes } : text, optionsChanged ? options : undefined);
      }
    } catch (error) {
      this.close(uri);
      throw error;
    }
    return entry.session;
  }
}
