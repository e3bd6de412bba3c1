// "PBX User CSV: New File from Template": pick a dialect, open an untitled CSV with the header and one
// example row the server generates from the dialect's data.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { SetDialectNotification, TemplateRequest } from '../../server/src/lsp/protocol';
import { requestDialects } from './dialectPicker';

export const NEW_FILE_FROM_TEMPLATE_COMMAND = 'pbxUserCsv.newFileFromTemplate';

export async function newFileFromTemplate(client: BaseLanguageClient): Promise<void> {
  const dialects = await requestDialects(client);
  if (!dialects) return;
  const picked = await vscode.window.showQuickPick(
    dialects.map((d) => ({ label: d.label, description: d.id, detail: d.description || undefined, id: d.id })),
    { title: 'PBX User CSV: New File from Template', placeHolder: 'Select the import format of the new file', matchOnDescription: true },
  );
  if (!picked) return;
  const template = await client.sendRequest(TemplateRequest, { dialect: picked.id });
  if (template.content === undefined) {
    void vscode.window.showWarningMessage(`PBX User CSV: the dialect "${picked.id}" is no longer available.`);
    return;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'csv', content: template.content });
  await vscode.window.showTextDocument(document);
  // Detection cannot tell v16 from v22 by the header alone: validate the new file as what was picked.
  await client.sendNotification(SetDialectNotification, { uri: document.uri.toString(), dialect: picked.id });
  if (template.generated.length > 0) {
    void vscode.window.showInformationMessage(
      `PBX User CSV: ${template.generated.join(', ')} hold random example values; replace them before importing.`,
    );
  }
}
