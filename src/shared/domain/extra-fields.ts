/** The kinds of extra field an admin can put on a request type. */
export const EXTRA_FIELD_KINDS = ['text', 'number', 'date', 'choice', 'checkbox'] as const;
export type ExtraFieldKind = (typeof EXTRA_FIELD_KINDS)[number];

/** What a field does in a given status: not shown, shown read-only, may be filled, must be filled. */
export const FIELD_STATES = ['hidden', 'readonly', 'optional', 'required'] as const;
export type FieldState = (typeof FIELD_STATES)[number];

/** How a request type's form template is used: must come back filled, may, or is only for reading. */
export const TEMPLATE_MODES = ['mandatory', 'optional', 'informative'] as const;
export type TemplateMode = (typeof TEMPLATE_MODES)[number];
