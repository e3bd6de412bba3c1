// Semantic tokens: one token type per column position (cycled), header cells marked as declarations, and
// JSON tokens inside embedded-JSON cells.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../../server/src/service/features/index';
import { parsed } from '../support/validation';

function tokensOf(text: string, dialectId = 'portsip-v22') {
  return semanticTokens(parsed(text, dialectId)).map((t) => ({
    text: text.slice(t.start, t.end),
    type: TOKEN_TYPES[t.type],
    modifiers: TOKEN_MODIFIERS.filter((_, i) => t.modifiers & (1 << i)),
  }));
}

describe('semantic tokens', () => {
  test('each column position has its own type; header cells are declarations; empty cells have no token', () => {
    assert.deepEqual(tokensOf('name,enabled,sms\nalice,,ALLOW\n'), [
      { text: 'name', type: 'variable', modifiers: ['declaration'] },
      { text: 'enabled', type: 'parameter', modifiers: ['declaration'] },
      { text: 'sms', type: 'type', modifiers: ['declaration'] },
      { text: 'alice', type: 'variable', modifiers: [] },
      { text: 'ALLOW', type: 'type', modifiers: [] },
    ]);
  });

  test('the ninth column starts the cycle again with the readonly modifier, so it differs from the first', () => {
    const header = 'a,b,c,d,e,f,g,h,i';
    const tokens = tokensOf(`name,extension_number,email,${header.slice(6)},zz\n`);
    assert.equal(tokens.length, 10);
    assert.deepEqual(tokens[8], { text: 'i', type: 'variable', modifiers: ['declaration', 'readonly'] });
    assert.deepEqual(tokens[0], { text: 'name', type: 'variable', modifiers: ['declaration'] });
  });

  test('a JSON cell gets JSON tokens, mapped through the doubled quotes', () => {
    const text = 'name,online_no_answer_forward_rule\nalice,"{""action"":""HANGUP"",""timeout"":30,""x"":true}"\n';
    assert.deepEqual(tokensOf(text).slice(2), [
      { text: 'alice', type: 'variable', modifiers: [] },
      { text: '""action""', type: 'property', modifiers: [] },
      { text: '""HANGUP""', type: 'string', modifiers: [] },
      { text: '""timeout""', type: 'property', modifiers: [] },
      { text: '30', type: 'number', modifiers: [] },
      { text: '""x""', type: 'property', modifiers: [] },
      { text: 'true', type: 'keyword', modifiers: [] },
    ]);
  });

  test('a JSON column whose cell is not JSON gets the column token', () => {
    assert.deepEqual(tokensOf('name,office_hours\nalice,none\n').slice(3), [{ text: 'none', type: 'parameter', modifiers: [] }]);
  });

  test('a semicolon-separated file (not yet columns) gets no tokens', () => {
    assert.deepEqual(tokensOf('entity_id;firstname\n1;John\n', 'xivo'), []);
  });
});
