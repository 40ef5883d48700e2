import { Alert, Group, Loader, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { Fragment, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PrintButtons } from '../../kit/print-buttons';
import { formatBytes } from '../../../../shared/api/files';
import { INTERVENTION_STATUSES, type InterventionStatus } from '../../../../shared/domain/intervention';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { fieldLabel } from './form-model';
import { actionLabel, subjectLabel } from './history-tab';
import { answerLabel, columnLabel, interventionChanges, statusMove, valueText, visibleChanges } from './history-model';
import { gridFormat, type GridFormat } from '../../kit/format';
import './evolution-sheet.css';
import type { HistoryEntry } from '../../../../shared/api/audit';
import type { EvolutionSheet, InterventionDetail } from '../../../../shared/api/interventions';
import type { Me } from '../../../../shared/api/auth';
import { kindLabel } from '../../kit/labels';
import { priorityLabel, statusLabel } from '../../kit/labels';

const isStatus = (v: unknown): v is InterventionStatus => typeof v === 'string' && (INTERVENTION_STATUSES as readonly string[]).includes(v);

/** The status changes in time order, from the audit: what each became (when the level recorded it). */
function statusChanges(history: HistoryEntry[]): { at: number; who: string | null; action: string; to: InterventionStatus | null }[] {
  return history
    .filter((h) => h.action === 'create' ? h.subject === 'intervention' : interventionChanges(h)?.fields?.includes('status') === true || (h.subject === 'intervention' && h.action === 'status'))
    .map((h) => {
      const to = interventionChanges(h)?.changes?.status?.[1];
      return { at: h.at, who: h.userName, action: h.action, to: isStatus(to) ? to : null };
    })
    .reverse();
}

function extraValue(t: TFunction, fmt: GridFormat, kind: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (kind === 'checkbox') return value === true ? t('thread.sheet.yes') : t('thread.sheet.no');
  if (kind === 'date' && typeof value === 'string') return fmt.date(value);
  if (typeof value === 'number') return fmt.count(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function Facts({ d, fmt }: { d: InterventionDetail; fmt: GridFormat }) {
  const { t } = useTranslation();
  const rows: [string, ReactNode][] = [
    [t('thread.sheet.number'), d.fullNumber ?? (d.valid ? t('thread.sheet.numberPending') : t('thread.sheet.draft'))],
    [fieldLabel(t, 'docDate'), fmt.date(d.docDate)],
    [t('thread.sheet.status'), statusLabel(t, d.status)],
    [fieldLabel(t, 'clientId'), d.clientName],
    [fieldLabel(t, 'contactPersonId'), d.contactPersonName ?? '—'],
    [fieldLabel(t, 'requestTypeId'), d.requestTypePath.join(' › ') || '—'],
    [fieldLabel(t, 'priority'), priorityLabel(t, d.priority)],
    [fieldLabel(t, 'objectText'), [d.productName, d.serialLot, d.objectText].filter(Boolean).join(' · ') || '—'],
    [fieldLabel(t, 'takenById'), d.takenByName ?? '—'],
    [fieldLabel(t, 'verifierId'), d.verifierName ?? '—'],
    [fieldLabel(t, 'teamId'), d.teamName ?? '—'],
    [fieldLabel(t, 'plannedStart'), d.plannedStart ? fmt.dateTime(d.plannedStart) : '—'],
    [fieldLabel(t, 'plannedEnd'), d.plannedEnd ? fmt.dateTime(d.plannedEnd) : '—'],
  ];
  if (d.notes) rows.push([fieldLabel(t, 'notes'), d.notes]);
  if (d.resolution) rows.push([t('thread.sheet.resolution'), d.resolution]);
  if (d.cancelReason) rows.push([t('thread.sheet.cancelReason'), d.cancelReason]);
  return (
    <dl className="es-facts" data-testid="sheet-facts">
      {rows.map(([k, v]) => (
        <Fragment key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** The evolution sheet of an intervention: its facts, status history, technicians, extra fields, whole thread and history, to print. */
function EvolutionSheetView({ me, sheet }: { me: Me; sheet: EvolutionSheet }) {
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  const d = sheet.detail;
  const lang = (['en', 'ro', 'pt-BR', 'ca'] as const).find((l) => l === i18n.language) ?? 'en';
  const extra = (Array.isArray(d.extraFields) ? d.extraFields : [])
    .map((f) => ({ id: f.id, label: f.labels[lang] || f.labels.en, kind: f.kind, value: (d.extra as Record<string, unknown> | undefined)?.[f.id] }))
    .filter((f) => f.value !== undefined && f.value !== null && f.value !== '');
  const changes = statusChanges(sheet.history);
  return (
    <div className="es-page" data-testid="evolution-sheet">
      <header className="es-header">
        <div>
          <h1 className="es-title">
            {t('thread.sheet.title')} · {d.fullNumber ?? t('thread.sheet.draft')}
          </h1>
          <div className="es-meta">
            {d.clientName} · {statusLabel(t, d.status)}
          </div>
          <div className="es-meta">{t('thread.sheet.printed', { at: fmt.dateTime(sheet.printedAt), who: me.displayName })}</div>
        </div>
        <PrintButtons className="es-no-print" printLabel={t('thread.sheet.print')} pdfName={`${t('thread.sheet.title')} ${d.fullNumber ?? d.clientName}`} testId="sheet-print" />
      </header>

      <h2 className="es-h2">{t('thread.sheet.facts')}</h2>
      <Facts d={d} fmt={fmt} />

      <h2 className="es-h2">{t('thread.sheet.statusHistory')}</h2>
      <table className="es-table" data-testid="sheet-status-history">
        <tbody>
          {changes.map((c, i) => (
            <tr key={i}>
              <td className="es-when">{fmt.dateTime(c.at)}</td>
              <td className="es-who">{c.who ?? t('thread.system')}</td>
              <td>{c.to ? statusLabel(t, c.to) : actionLabel(t, c.action)}</td>
            </tr>
          ))}
          {/* The last line says where it stands now, so the sheet reads as a timeline to today. */}
          <tr>
            <td className="es-when">{t('thread.sheet.now')}</td>
            <td className="es-who" />
            <td>
              <b>{statusLabel(t, d.status)}</b>
            </td>
          </tr>
        </tbody>
      </table>

      <h2 className="es-h2">{t('thread.sheet.technicians')}</h2>
      {d.technicians.length === 0 ? (
        <p className="es-none">{t('thread.sheet.noTechnicians')}</p>
      ) : (
        <table className="es-table" data-testid="sheet-technicians">
          <tbody>
            {d.technicians.map((tech) => (
              <tr key={tech.id}>
                <td className="es-who">{tech.name}</td>
                <td>{answerLabel(t, tech.answer)}</td>
                <td>{tech.reason ?? ''}</td>
                <td className="es-when">{tech.answeredAt ? fmt.dateTime(tech.answeredAt) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {extra.length > 0 && (
        <>
          <h2 className="es-h2">{t('thread.sheet.extra')}</h2>
          <dl className="es-facts" data-testid="sheet-extra">
            {extra.map((f) => (
              <Fragment key={f.id}>
                <dt>{f.label}</dt>
                <dd>{extraValue(t, fmt, f.kind, f.value)}</dd>
              </Fragment>
            ))}
          </dl>
        </>
      )}

      <h2 className="es-h2">{t('thread.sheet.thread')}</h2>
      {sheet.messages.length === 0 ? (
        <p className="es-none">{t('thread.sheet.noMessages')}</p>
      ) : (
        <div data-testid="sheet-thread">
          {sheet.messages.map((m) => (
            <div key={m.id} className="es-message" data-testid="sheet-message">
              <div className="es-message-head">
                <span>{fmt.dateTime(m.at)}</span>
                <b>{m.personName ?? t('thread.system')}</b>
                <span className="es-kind">{kindLabel(t, m.kind)}</span>
              </div>
              {m.body && <div className="es-body">{m.body}</div>}
              {m.attachment && (
                <div className="es-files">
                  {t('thread.sheet.attachments', { names: `${m.attachment.fileName} (${formatBytes(m.attachment.size)})` })}
                  {m.templateName ? ` · ${t('thread.attachment.fills', { name: m.templateName })}` : ''}
                </div>
              )}
              {m.registerEntry && (
                <div className="es-files">
                  {t('thread.register.cardTitle', { number: m.registerEntry.number })} · {fmt.date(m.registerEntry.date)} · {m.registerEntry.party} · {m.registerEntry.subject}
                </div>
              )}
            </div>
          ))}
        </div>
      )}

      <h2 className="es-h2">{t('thread.sheet.history')}</h2>
      {sheet.history.length === 0 ? (
        <p className="es-none">{t('thread.sheet.noHistory')}</p>
      ) : (
        <table className="es-table es-history" data-testid="sheet-history">
          <thead>
            <tr>
              <th>{t('thread.sheet.when')}</th>
              <th>{t('thread.sheet.who')}</th>
              <th>{t('thread.sheet.what')}</th>
            </tr>
          </thead>
          <tbody>
            {[...sheet.history].reverse().map((h) => (
              <tr key={h.id}>
                <td className="es-when">{fmt.dateTime(h.at)}</td>
                <td className="es-who">{h.userName ?? t('thread.system')}</td>
                <td>
                  {actionLabel(t, h.action)}
                  {h.subject !== 'intervention' ? ` (${subjectLabel(t, h.subject, h.about)})` : ''}
                  {(() => {
                    const move = statusMove(h);
                    return move ? (
                      <div className="es-change">
                        {t('interventionForm.history.columns.status')}: {move.from ? statusLabel(t, move.from) : '—'} → {statusLabel(t, move.to)}
                      </div>
                    ) : null;
                  })()}
                  {[
                    ...(h.action !== 'create' ? [{ key: h.rowId, prefix: '', fields: h.fields, changes: h.changes }] : []),
                    ...h.related
                      .filter((r) => r.subject !== 'other' && (r.subject !== 'intervention' || h.subject !== 'intervention'))
                      .map((r) => ({ key: r.rowId, prefix: r.subject === 'intervention' ? '' : `${subjectLabel(t, r.subject, r.about)} · `, fields: r.fields, changes: r.changes })),
                  ].flatMap((row) =>
                    visibleChanges(row.fields, row.changes).map(({ column, values }) => (
                      <div key={`${row.key}-${column}`} className="es-change">
                        {row.prefix}
                        {columnLabel(t, column)}
                        {values ? `: ${valueText(t, fmt, column, values[0], h.names)} → ${valueText(t, fmt, column, values[1], h.names)}` : ''}
                      </div>
                    )),
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The ?sheet=<id> page: loads the sheet, then shows it. */
export function EvolutionSheetPage({ me, id }: { me: Me; id: string | null }) {
  const api = useApi();
  const { t } = useTranslation();
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; sheet: EvolutionSheet }>(
    id ? { kind: 'loading' } : { kind: 'error', message: '' },
  );
  useEffect(() => {
    if (!id) return;
    let stale = false;
    api.call('interventions.sheet', { id }).then(
      (sheet) => {
        if (stale) return;
        setState({ kind: 'ready', sheet });
        document.title = `${t('thread.sheet.title')} ${sheet.detail.fullNumber ?? ''}`.trim();
      },
      (e: unknown) => !stale && setState({ kind: 'error', message: toCallError(e).code === 'not_found' ? '' : toCallError(e).message }),
    );
    return () => {
      stale = true;
    };
  }, [api, id, t]);
  if (state.kind === 'loading') {
    return (
      <Group p="xl" gap="xs" data-testid="sheet-loading">
        <Loader size="sm" />
        <Text size="sm">{t('app.loading')}</Text>
      </Group>
    );
  }
  if (state.kind === 'error') {
    return (
      <Alert m="xl" color="red" data-testid="sheet-error">
        {state.message ? t('thread.sheet.loadFailed', { reason: state.message }) : t('thread.sheet.invalid')}
      </Alert>
    );
  }
  return <EvolutionSheetView me={me} sheet={state.sheet} />;
}
