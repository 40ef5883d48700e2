import type { TFunction } from 'i18next';
import type { GridFormat } from '../../kit/format';
import { extraSummary } from './extra-fields-model';
import { requestTypeOptions, type FormField, type FormState, type ObjectKind } from './form-model';
import type { ClientDetail } from '../../../../shared/api/clients';
import type { ClientAsset, ProductOption } from '../../../../shared/api/catalogue';
import type { SeriesOption } from '../../../../shared/api/numbering';
import type { InterventionDetail } from '../../../../shared/api/interventions';
import type { ClientRow } from '../../../../shared/api/clients';
import type { InterventionLookups } from '../../../../shared/api/interventions';
import { priorityLabel } from '../../kit/labels';

/*
 * A form value as a person reads it (names, not ids): what the conflict dialog puts side by side
 * when a save finds the record changed by someone else. The object's choices use the same words.
 */

/** Everything on screen that turns an id into a name. */
export interface LabelSources {
  t: TFunction;
  language: string;
  fmt: GridFormat;
  lookups: InterventionLookups | null;
  /** The record on screen: its extra-field definitions stand in when the other side's lack them. */
  detail: InterventionDetail | null;
  clientOptions: readonly ClientRow[];
  client: ClientDetail | null;
  products: readonly ProductOption[];
  /** The assets of the client on the form (empty while they load, or when they are another client's). */
  clientAssets: readonly ClientAsset[];
  series: readonly SeriesOption[];
}

export function personName(lookups: InterventionLookups | null, pid: string | null): string {
  return lookups?.personnel.find((p) => p.id === pid)?.name ?? pid ?? '';
}

export function objectKindLabel(t: TFunction, k: ObjectKind): string {
  return k === 'product' ? t('interventionForm.objectKinds.product') : k === 'asset' ? t('interventionForm.objectKinds.asset') : t('interventionForm.objectKinds.text');
}

/** "Name · code" of a catalogue product; the stored name when it is not among the ones searched. */
function productLabel(products: readonly ProductOption[], pid: string | null, d: InterventionDetail | null): string {
  if (!pid) return '';
  const p = products.find((x) => x.id === pid);
  return p ? `${p.name} · ${p.code}` : pid === d?.productId ? (d.productName ?? '') : pid;
}

/** "Product · SN … · Lot …" of one of the client's assets; the stored text when it is not loaded. */
export function assetLabel(t: TFunction, clientAssets: readonly ClientAsset[], aid: string | null, d: InterventionDetail | null): string {
  if (!aid) return '';
  const a = clientAssets.find((x) => x.id === aid);
  if (a) return [a.productName, a.serial && `SN ${a.serial}`, a.lot && `${t('interventionForm.lot')} ${a.lot}`].filter(Boolean).join(' · ');
  return aid === d?.assetId ? [d.productName, d.serialLot].filter(Boolean).join(' · ') : aid;
}

/** Field f of the form state s (d: the record s came from, for names the lists on screen lack). */
export function readableValue(src: LabelSources, f: FormField, s: FormState, d: InterventionDetail | null): string {
  const { t, fmt, lookups, client } = src;
  switch (f) {
    case 'clientId':
      return s.clientId === d?.clientId ? d.clientName : (src.clientOptions.find((c) => c.id === s.clientId)?.name ?? client?.client.name ?? '');
    case 'contactPersonId':
      return client?.contacts.find((c) => c.id === s.contactPersonId)?.name ?? (s.contactPersonId === d?.contactPersonId ? (d.contactPersonName ?? '') : '');
    case 'requestTypeId':
      return requestTypeOptions(lookups).find((o) => o.value === s.requestTypeId)?.label ?? (s.requestTypeId === d?.requestTypeId ? d.requestTypePath.join(' › ') : '');
    case 'verifierId':
    case 'takenById':
      return personName(lookups, s[f]);
    case 'teamId':
      return lookups?.teams.find((x) => x.id === s.teamId)?.name ?? (s.teamId === d?.teamId ? (d.teamName ?? '') : (s.teamId ?? ''));
    case 'priority':
      return priorityLabel(t, s.priority);
    case 'plannedStart':
    case 'plannedEnd':
      return s[f] === null ? '' : fmt.dateTime(s[f]);
    case 'confirmed':
      return s.confirmed ? t('grid.yes') : t('interventionForm.no');
    case 'mailClient':
      return s.mailClient === null ? t('interventionForm.fields.mailClientByType') : s.mailClient ? t('grid.yes') : t('interventionForm.no');
    case 'docDate':
      return fmt.date(s.docDate);
    case 'objectKind':
      return objectKindLabel(t, s.objectKind);
    case 'productId':
      return productLabel(src.products, s.productId, d);
    case 'assetId':
      return assetLabel(t, src.clientAssets, s.assetId, d);
    case 'seriesId':
      return src.series.find((x) => x.id === s.seriesId)?.prefix ?? (s.seriesId === d?.seriesId ? (d.seriesPrefix ?? '') : (s.seriesId ?? ''));
    case 'extra':
      return extraSummary(t, s.extra, d?.extraFields ?? src.detail?.extraFields ?? [], src.language);
    default:
      return s[f];
  }
}
