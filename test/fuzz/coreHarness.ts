// The core under fuzzing: one language service, every dialect choice, and checked entry points that turn a throw
// into a readable assertion failure.
import assert from 'node:assert/strict';
import { createNodeLanguageService } from '../../server/src/node/resources';
import type { ValidateOptions } from '../../server/src/service';
import { CsvModel } from '../../server/src/service/csv/model';
import { assertDocumentSpans, assertProblemSpans } from './fuzzSupport';

export const BUILT_IN = ['portsip-v22', 'portsip-v16', 'xivo', 'xivo-update', 'wazo'];
export const service = createNodeLanguageService();
/** Auto-detection, "not a user CSV", and every dialect the service offers. */
export const dialectChoices: Array<ValidateOptions['dialect']> = [undefined, 'none', ...new Set([...BUILT_IN, ...service.dialects().map((d) => d.id)])];

/** Validates `text` under every dialect choice (or the given ones); asserts no throw and every span inside the text. */
export function validateEverywhere(text: string, choices = dialectChoices): void {
  for (const dialect of choices) {
    let result;
    try {
      result = service.validate(text, { dialect });
    } catch (error) {
      assert.fail(`validate threw with dialect ${dialect ?? 'auto'} on ${JSON.stringify(text.slice(0, 200))}: ${(error as Error).stack}`);
    }
    assertProblemSpans(result.problems, text);
  }
}

export function parseChecked(text: string): void {
  let doc;
  try {
    doc = new CsvModel(text);
  } catch (error) {
    assert.fail(`the CSV model threw on ${JSON.stringify(text.slice(0, 200))}: ${(error as Error).stack}`);
  }
  assertDocumentSpans(doc, text);
}

