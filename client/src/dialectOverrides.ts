// The dialect the user picked per file, remembered in the workspace state across sessions.
import type * as vscode from 'vscode';

const STATE_KEY = 'pbxUserCsv.dialectOverrides';

export class DialectOverrides {
  constructor(private readonly state: vscode.Memento) {}

  /** uri → dialect id or `none`. */
  all(): Record<string, string> {
    const stored = this.state.get<unknown>(STATE_KEY);
    if (typeof stored !== 'object' || stored === null) return {};
    const result: Record<string, string> = {};
    for (const [uri, dialect] of Object.entries(stored)) {
      if (typeof dialect === 'string' && dialect) result[uri] = dialect;
    }
    return result;
  }

  get(uri: string): string | undefined {
    return this.all()[uri];
  }

  /** null forgets the choice (back to automatic detection). */
  async set(uri: string, dialect: string | null): Promise<void> {
    const overrides = this.all();
    if (dialect) overrides[uri] = dialect;
    else delete overrides[uri];
    await this.state.update(STATE_KEY, overrides);
  }
}
