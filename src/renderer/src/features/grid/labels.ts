import type { TFunction } from 'i18next';
import type { ColumnId, GroupId } from '../../../../shared/grid/columns';
import type { BuiltinViewId } from '../../../../shared/grid/views';

// Literal keys on purpose: the catalogue test finds every key the UI uses by reading the sources.

export function columnLabel(t: TFunction, id: ColumnId): string {
  switch (id) {
    case 'series':
      return t('grid.columns.series');
    case 'number':
      return t('grid.columns.number');
    case 'docDate':
      return t('grid.columns.docDate');
    case 'client':
      return t('grid.columns.client');
    case 'requestType':
      return t('grid.columns.requestType');
    case 'object':
      return t('grid.columns.object');
    case 'plannedStart':
      return t('grid.columns.plannedStart');
    case 'plannedEnd':
      return t('grid.columns.plannedEnd');
    case 'status':
      return t('grid.columns.status');
    case 'priority':
      return t('grid.columns.priority');
    case 'source':
      return t('grid.columns.source');
    case 'takenBy':
      return t('grid.columns.takenBy');
    case 'valid':
      return t('grid.columns.valid');
    case 'cancelled':
      return t('grid.columns.cancelled');
    case 'notes':
      return t('grid.columns.notes');
    case 'vehicle':
      return t('grid.columns.vehicle');
    case 'fiscalCode':
      return t('grid.columns.fiscalCode');
    case 'phone':
      return t('grid.columns.phone');
    case 'email':
      return t('grid.columns.email');
    case 'address':
      return t('grid.columns.address');
    case 'locality':
      return t('grid.columns.locality');
    case 'county':
      return t('grid.columns.county');
    case 'country':
      return t('grid.columns.country');
    case 'commercialZone':
      return t('grid.columns.commercialZone');
    case 'class1':
      return t('grid.columns.class1');
    case 'class2':
      return t('grid.columns.class2');
    case 'class3':
      return t('grid.columns.class3');
    case 'serialLot':
      return t('grid.columns.serialLot');
    case 'verifier':
      return t('grid.columns.verifier');
    case 'technicians':
      return t('grid.columns.technicians');
    case 'contactPerson':
      return t('grid.columns.contactPerson');
  }
}

export function groupLabel(t: TFunction, id: GroupId): string {
  switch (id) {
    case 'client':
      return t('grid.groups.client');
    case 'class1':
      return t('grid.groups.class1');
    case 'class2':
      return t('grid.groups.class2');
    case 'class3':
      return t('grid.groups.class3');
    case 'docDay':
      return t('grid.groups.docDay');
    case 'docMonth':
      return t('grid.groups.docMonth');
    case 'object':
      return t('grid.groups.object');
    case 'priority':
      return t('grid.groups.priority');
    case 'source':
      return t('grid.groups.source');
    case 'status':
      return t('grid.groups.status');
    case 'commercialZone':
      return t('grid.groups.commercialZone');
    case 'plannedStartDay':
      return t('grid.groups.plannedStartDay');
    case 'plannedEndDay':
      return t('grid.groups.plannedEndDay');
  }
}

export function builtinViewLabel(t: TFunction, id: BuiltinViewId): string {
  switch (id) {
    case 'all':
      return t('grid.views.all');
    case 'open':
      return t('grid.views.open');
    case 'mine':
      return t('grid.views.mine');
    case 'myAnswer':
      return t('grid.views.myAnswer');
    case 'unread':
      return t('grid.views.unread');
    case 'awaitingReply':
      return t('grid.views.awaitingReply');
    case 'finalized':
      return t('grid.views.finalized');
    case 'cancelled':
      return t('grid.views.cancelled');
    case 'today':
      return t('grid.views.today');
  }
}

/** The filters a person sets, each with its input (`filter-<name>`) and its chip (`chip-<name>`). */
export type FilterName =
  | 'docDate'
  | 'client'
  | 'takenBy'
  | 'verifier'
  | 'class1'
  | 'class2'
  | 'class3'
  | 'address'
  | 'commercialZone'
  | 'status'
  | 'priority'
  | 'source'
  | 'search'
  | 'mine'
  | 'myAnswer'
  | 'unread'
  | 'awaitingReply'
  | 'plannedToday';

export function filterLabel(t: TFunction, name: FilterName): string {
  switch (name) {
    case 'docDate':
      return t('grid.filters.docDate');
    case 'client':
      return t('grid.filters.client');
    case 'takenBy':
      return t('grid.filters.takenBy');
    case 'verifier':
      return t('grid.filters.verifier');
    case 'class1':
      return t('grid.filters.class1');
    case 'class2':
      return t('grid.filters.class2');
    case 'class3':
      return t('grid.filters.class3');
    case 'address':
      return t('grid.filters.address');
    case 'commercialZone':
      return t('grid.filters.commercialZone');
    case 'status':
      return t('grid.filters.status');
    case 'priority':
      return t('grid.filters.priority');
    case 'source':
      return t('grid.filters.source');
    case 'search':
      return t('grid.filters.search');
    case 'mine':
      return t('grid.filters.mine');
    case 'myAnswer':
      return t('grid.filters.myAnswer');
    case 'unread':
      return t('grid.filters.unread');
    case 'awaitingReply':
      return t('grid.filters.awaitingReply');
    case 'plannedToday':
      return t('grid.filters.plannedToday');
  }
}
