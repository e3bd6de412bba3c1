// Where a document sits relative to the open workspace folders, worked out on URI strings so that any
// scheme (file, untitled, vscode-remote) is handled the same way.
import { URI } from 'vscode-uri';
import type { DocumentLocation } from './dialectAssociations';

/** URI path segments after the authority, decoded; the query and fragment are dropped. */
function pathSegments(uri: string): string[] {
  return URI.parse(uri).path.split('/').filter((s) => s.length > 0);
}

function sameFolderPrefix(folderUri: string, documentUri: string): boolean {
  const folder = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
  return documentUri.toLowerCase().startsWith(folder.toLowerCase());
}

export class WorkspaceFolderSet {
  private folders: string[] = [];

  set(folderUris: string[]): void {
    // Longest first so nested folders win.
    this.folders = [...new Set(folderUris)].sort((a, b) => b.length - a.length);
  }

  add(folderUris: string[]): void {
    this.set([...this.folders, ...folderUris]);
  }

  remove(folderUris: string[]): void {
    const removed = new Set(folderUris);
    this.set(this.folders.filter((f) => !removed.has(f)));
  }

  get uris(): readonly string[] {
    return this.folders;
  }

  locate(documentUri: string): DocumentLocation {
    const segments = pathSegments(documentUri);
    const fileName = segments.length > 0 ? segments[segments.length - 1] : documentUri;
    const folder = this.folders.find((f) => sameFolderPrefix(f, documentUri));
    if (!folder) return { relativePath: fileName, fileName };
    const relative = segments.slice(pathSegments(folder).length).join('/');
    return { relativePath: relative || fileName, fileName };
  }
}
