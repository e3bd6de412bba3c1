// Rule descriptions for SARIF's tool.driver.rules, from the core's rule catalogue; the rule id stands in for a
// rule the catalogue does not describe.
import type { LanguageService } from '../service';

export function createRuleDescriber(service: LanguageService): (ruleId: string) => string {
  const descriptions = new Map<string, string>();
  for (const rule of service.rules()) {
    if (rule.description.trim() !== '') descriptions.set(rule.id, rule.description);
  }
  return (ruleId) => descriptions.get(ruleId) ?? ruleId;
}
