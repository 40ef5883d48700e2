import { def } from './def';
import { read, write } from './permission';
import type { ExtraFieldDefinition, RequestTypeTemplate } from './extra-field-schemas';
import {
  extraFieldListInput,
  extraFieldSaveInput,
  reorderInput,
  requestTypeIdInput,
  requestTypeMoveInput,
  requestTypeSaveInput,
  templateListInput,
  templateSaveInput,
  type ExtraFieldAdminRow,
  type RequestTypeAdminRow,
  type RequestTypeUsage,
} from './admin-types-schemas';
import { empty, recordRef } from './primitives';

/**
 * Administration of request types: the hierarchy, their extra-field definitions and form
 * templates. Lists need the administration module (read: a session locked for changes still
 * sees them, read-only); every change needs it with write access.
 */
export const adminTypesMethods = {
  /** Every live type, inactive ones too, parents before children. */
  'admin.requestTypes.list': def<RequestTypeAdminRow[]>()(empty, read('admin')),
  'admin.requestTypes.usage': def<RequestTypeUsage>()(requestTypeIdInput, read('admin')),
  // Create without id; update with id + version (a stale version is a 'conflict'). A duplicate
  // code answers 'validation' with an issue on values.code. A new parent moves the subtree.
  'admin.requestTypes.save': def<RequestTypeAdminRow>()(requestTypeSaveInput, write('admin')),
  // Refuses cycles and anything deeper than Classification 3; interventions follow the move.
  'admin.requestTypes.move': def<RequestTypeAdminRow>()(requestTypeMoveInput, write('admin')),
  // Only an unused type without sub-types; a used one is refused (deactivate it instead).
  'admin.requestTypes.delete': def<null>()(recordRef, write('admin')),
  /** The type's own definitions and those inherited from its ancestors (marked). */
  'admin.extraFields.list': def<ExtraFieldAdminRow[]>()(extraFieldListInput, read('admin')),
  'admin.extraFields.save': def<ExtraFieldDefinition>()(extraFieldSaveInput, write('admin')),
  'admin.extraFields.reorder': def<ExtraFieldDefinition[]>()(reorderInput, write('admin')),
  // A field that holds values in some intervention is refused (deactivate it instead).
  'admin.extraFields.delete': def<null>()(recordRef, write('admin')),
  'admin.templates.list': def<RequestTypeTemplate[]>()(templateListInput, read('admin')),
  'admin.templates.save': def<RequestTypeTemplate>()(templateSaveInput, write('admin')),
  'admin.templates.reorder': def<RequestTypeTemplate[]>()(reorderInput, write('admin')),
  // A template some filled-in file in a thread refers to is refused.
  'admin.templates.delete': def<null>()(recordRef, write('admin')),
};
