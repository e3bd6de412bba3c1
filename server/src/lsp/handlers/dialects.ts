// The dialects: the list for the status-bar picker, the picker's choice for a document, and a template
// of a dialect (New File from Template).
import { DialectsRequest, SetDialectNotification, TemplateRequest, type DialectInfo, type TemplateResult } from '../protocol';
import { guarded } from '../safety';
import { SETTINGS_SECTION, parseClientSettings, toValidationSettings } from '../settings';
import type { ServerState } from '../state';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function registerDialectHandlers(state: ServerState): void {
  const { connection, logger } = state;

  connection.onNotification(
    SetDialectNotification,
    guarded(
      logger,
      'setDialect',
      (params) => {
        if (!isRecord(params) || typeof params.uri !== 'string') return;
        const dialect = params.dialect;
        if (typeof dialect === 'string' && dialect) state.overrides.set(params.uri, dialect);
        else state.overrides.delete(params.uri);
        if (state.documents.get(params.uri)) state.scheduler.schedule(params.uri, 0);
      },
      undefined,
    ),
  );

  connection.onRequest(
    DialectsRequest,
    guarded(logger, 'dialects request', (): DialectInfo[] => state.service.dialects().map(({ id, label, description }) => ({ id, label, description })), []),
  );

  connection.onRequest(
    TemplateRequest,
    guarded(
      logger,
      'template request',
      async (params): Promise<TemplateResult> => {
        if (!isRecord(params) || typeof params.dialect !== 'string') return { generated: [] };
        const settings = toValidationSettings(
          state.canPullConfiguration ? parseClientSettings(await connection.workspace.getConfiguration(SETTINGS_SECTION)) : state.pushedSettings,
        );
        const template = state.service.template(params.dialect, { passwordPolicy: settings.passwordPolicy, pinPolicy: settings.pinPolicy });
        return template ? { content: template.text, generated: template.generated } : { generated: [] };
      },
      { generated: [] },
    ),
  );
}
