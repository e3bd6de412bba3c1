// "Edit Cell as JSON" through the vscode API, in a real extension host: the tab's text, a save written back
// into the CSV as one undoable edit, the refusals, a cell followed through an edit above it, an empty cell's
// starting value. The fixture is test/e2e/fixtures/portsip-v22-cells.csv; expected texts are worked out by
// hand from it and the JSON Schemas.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { until, workspaceFile } from './helpers';

const CSV = 'portsip-v22-cells.csv';
const EDIT = 'pbxUserCsv.editCellAsJson';

/** Position of the `nth` occurrence of `needle` in the document, plus `delta` characters. */
function positionOf(document: vscode.TextDocument, needle: string, delta = 0, nth = 0): vscode.Position {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = document.getText().indexOf(needle, index + 1);
  assert.ok(index >= 0, `${needle} not in ${document.uri.path}`);
  return document.positionAt(index + delta);
}

/** Opens the JSON tab of the cell at `position` of the CSV and returns its editor. */
async function editAsJson(csv: vscode.TextDocument, position: vscode.Position): Promise<vscode.TextEditor> {
  await vscode.commands.executeCommand(EDIT, { uri: csv.uri.toString(), line: position.line, character: position.character });
  return until('the JSON tab', () => {
    const editor = vscode.window.activeTextEditor;
    return editor?.document.uri.scheme === 'pbx-user-csv-cell' ? editor : undefined;
  });
}

async function replaceAll(editor: vscode.TextEditor, text: string): Promise<void> {
  const document = editor.document;
  const ok = await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text));
  assert.ok(ok, 'the JSON tab took the edit');
}

describe('Edit Cell as JSON through the vscode API', () => {
  let csv: vscode.TextDocument;
  let original: string;

  beforeEach(async () => {
    csv = await vscode.workspace.openTextDocument(workspaceFile(CSV));
    await vscode.window.showTextDocument(csv, { preview: false });
    original = csv.getText();
  });

  afterEach(async () => {
    // Every tab back to its file, then closed (a dirty tab would ask whether to save).
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a JSON cell pretty-printed and writes a save back as one undoable edit of the CSV', async () => {
    const editor = await editAsJson(csv, positionOf(csv, 'GLOBAL'));
    assert.equal(editor.document.languageId, 'json');
    assert.equal(editor.document.uri.path.slice(editor.document.uri.path.lastIndexOf('/') + 1), `${CSV} · row 1 · office_hours.json`);
    assert.equal(editor.document.getText(), '{\n  "mode": "GLOBAL"\n}');
    await replaceAll(editor, '{\n  "mode": "CUSTOM",\n  "note": "say \\"hi\\""\n}');
    assert.equal(await editor.document.save(), true);
    const cell = '"{""mode"":""CUSTOM"",""note"":""say \\""hi\\""""}"';
    assert.equal(csv.getText(), original.replace('"{""mode"":""GLOBAL""}"', cell));
    assert.equal(csv.isDirty, true, 'the CSV is dirty, saved by the user as usual');
    await vscode.window.showTextDocument(csv);
    await vscode.commands.executeCommand('undo');
    assert.equal(csv.getText(), original, 'one undo takes the whole write back');
  });

  it('refuses to save JSON with a syntax error and leaves the CSV as it was', async () => {
    const editor = await editAsJson(csv, positionOf(csv, 'GLOBAL'));
    await replaceAll(editor, '{\n  "mode": "CUSTOM",\n}');
    assert.equal(await editor.document.save(), false);
    assert.equal(editor.document.isDirty, true);
    assert.equal(csv.getText(), original);
  });

  it('refuses to save when the cell changed in the CSV since the tab was opened', async () => {
    const editor = await editAsJson(csv, positionOf(csv, 'FORWARD_TO_VOICEMAIL'));
    await replaceAll(editor, '{"action": "HANGUP"}');
    const elsewhere = new vscode.WorkspaceEdit();
    const at = positionOf(csv, 'VOICEMAIL');
    elsewhere.replace(csv.uri, new vscode.Range(at, at.translate(0, 'VOICEMAIL'.length)), 'NUMBER');
    assert.ok(await vscode.workspace.applyEdit(elsewhere));
    const changed = csv.getText();
    assert.equal(await editor.document.save(), false);
    assert.equal(csv.getText(), changed);
  });

  it('follows the cell when a row is added above it', async () => {
    const editor = await editAsJson(csv, positionOf(csv, 'FORWARD_TO_NUMBER'));
    assert.equal(editor.document.getText(), '{\n  "action": "FORWARD_TO_NUMBER"\n}');
    const row = 'bob3,,,TRUE,Xc5%vB8!nM,2003,Wq2@rT7&kP,bob3@example.com,Bob Three,ALLOW,520618\n';
    const above = new vscode.WorkspaceEdit();
    above.insert(csv.uri, new vscode.Position(1, 0), row);
    assert.ok(await vscode.workspace.applyEdit(above));
    await replaceAll(editor, '{"action": "FORWARD_TO_NUMBER", "number": "101"}');
    assert.equal(await editor.document.save(), true);
    const lines = original.split('\n');
    lines.splice(1, 0, row.trimEnd());
    lines[3] = lines[3].replace('"{""action"":""FORWARD_TO_NUMBER""}"', '"{""action"":""FORWARD_TO_NUMBER"",""number"":""101""}"');
    assert.equal(csv.getText(), lines.join('\n'));
  });

  it('opens an empty cell with the schema\'s starting value, and a save fills the cell', async () => {
    // Row 2's office_hours is the empty cell after `ann2,`.
    const editor = await editAsJson(csv, positionOf(csv, 'ann2,', 'ann2,'.length));
    assert.equal(editor.document.getText(), '{\n  "mode": "GLOBAL"\n}');
    await replaceAll(editor, '{"mode": "CUSTOM"}');
    assert.equal(await editor.document.save(), true);
    assert.equal(csv.getText(), original.replace('ann2,,', 'ann2,"{""mode"":""CUSTOM""}",'));
  });

  it('offers the command in a JSON cell\'s hover and as a code action, and not in other cells', async () => {
    const inJson = positionOf(csv, 'GLOBAL');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', csv.uri, inJson);
    const links = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).filter((v) => v.includes(`command:${EDIT}`));
    assert.equal(links.length, 1, 'one hover line with the command');
    assert.match(links[0], /Edit office\\_hours of jim1 as JSON/);
    const args = JSON.parse(decodeURIComponent(/command:[\w.]+\?([^ )]+)/.exec(links[0])![1]));
    assert.deepEqual(args, [{ uri: csv.uri.toString(), line: inJson.line, character: inJson.character }]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', csv.uri, new vscode.Range(inJson, inJson));
    const edit = actions.filter((a) => a.command?.command === EDIT);
    assert.deepEqual(edit.map((a) => a.title), ['Edit office_hours of jim1 as JSON']);
    const inName = positionOf(csv, 'jim1', 1);
    const nameActions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', csv.uri, new vscode.Range(inName, inName));
    assert.deepEqual(nameActions.filter((a) => a.command?.command === EDIT), []);
  });

  it('tells in the tab when an edit of the CSV gives another phone the tab\'s MAC, and when that is undone', async () => {
    // A file outside the workspace folder: the workspace's file count stays what the other tests expect.
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pbx-user-csv-suite-')), 'phones.csv');
    const header = 'name,enabled,password,extension_number,extension_password,email,voicemail_pin,phones';
    const jim = 'jim1,TRUE,Qm4#tW8$zK,2001,Lp6!vX3%nB,jim1@example.com,946025,"[{""mac"":""0c:38:3e:63:fe:e8""}]"';
    const ann = 'ann2,TRUE,Zr7&kN2@wD,2002,Tg5*hJ9^mC,ann2@example.com,381749,"[{""mac"":""cc:5e:f8:41:b7:95""}]"';
    writeFileSync(file, `${header}\n${jim}\n${ann}\n`);
    const phones = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(phones, { preview: false });
    const tab = (await editAsJson(phones, positionOf(phones, 'cc:5e'))).document;
    assert.equal(tab.getText(), '[\n  {\n    "mac": "cc:5e:f8:41:b7:95"\n  }\n]');
    // Ours among them (VS Code's JSON support adds the schema's: the phones here lack their required keys).
    const duplicates = () => vscode.languages.getDiagnostics(tab.uri).filter((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'json-duplicate-mac');

    // jim's phone gets ann's MAC in the CSV (another spelling of it): the tab says so at its own MAC.
    const jimsMac = positionOf(phones, '0c:38:3e:63:fe:e8');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(phones.uri, new vscode.Range(jimsMac, jimsMac.translate(0, 17)), 'CC-5E-F8-41-B7-95');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const [found] = await until('the duplicate in the tab', () => (duplicates().length > 0 ? duplicates() : undefined));
    assert.equal(found.message, 'MAC cc:5e:f8:41:b7:95 is also used on line 2: provisioning will fail');
    assert.equal(found.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([found.range.start.line, found.range.start.character, found.range.end.line, found.range.end.character], [2, 12, 2, 29]);

    const back = new vscode.WorkspaceEdit();
    back.replace(phones.uri, new vscode.Range(jimsMac, jimsMac.translate(0, 17)), '0c:38:3e:63:fe:e8');
    assert.ok(await vscode.workspace.applyEdit(back));
    await until('no duplicate in the tab', () => (duplicates().length === 0 ? true : undefined));
  });

  it('says why a cell that is not JSON cannot be edited as JSON', async () => {
    const before = vscode.window.activeTextEditor;
    await vscode.commands.executeCommand(EDIT, { uri: csv.uri.toString(), line: 1, character: 1 });
    assert.equal(vscode.window.activeTextEditor, before, 'no tab opened for the name cell');
  });
});
