import { inserter, type DemoContext } from './context';

type Labels = [en: string, ro: string, ptBr: string, ca: string];
type States = Partial<Record<'taken' | 'allocated' | 'confirmed' | 'finalized' | 'cancelled', 'hidden' | 'readonly' | 'optional' | 'required'>>;

/**
 * Extra fields an admin would define on a few request types, so the demo shows them in the form.
 * Required states sit on the later statuses only: the demo's open interventions were made before
 * these fields existed, and an operator must still be able to edit them (as after a real rollout).
 */
const FIELDS: { code: string; kind: 'text' | 'number' | 'date' | 'choice' | 'checkbox'; labels: Labels; options?: string[]; states?: States }[] = [
  {
    code: 'REP',
    kind: 'choice',
    labels: ['Failure cause', 'Cauza defecțiunii', 'Causa da falha', 'Causa de l’avaria'],
    options: ['Wear', 'Incorrect use', 'Power surge', 'Manufacturing defect', 'Unknown'],
    states: { finalized: 'readonly', cancelled: 'readonly' },
  },
  {
    code: 'MNT-PER-BOI',
    kind: 'number',
    labels: ['CO in flue gas (ppm)', 'CO în gazele arse (ppm)', 'CO nos gases de combustão (ppm)', 'CO als gasos de combustió (ppm)'],
    states: { taken: 'hidden', finalized: 'required' },
  },
  {
    code: 'MNT-PER-BOI',
    kind: 'checkbox',
    labels: ['Safety check passed', 'Verificare de siguranță trecută', 'Verificação de segurança aprovada', 'Revisió de seguretat superada'],
    states: { taken: 'hidden', finalized: 'required' },
  },
  {
    code: 'WAR',
    kind: 'text',
    labels: ['Purchase invoice number', 'Numărul facturii de achiziție', 'Número da nota fiscal de compra', 'Número de la factura de compra'],
    states: { finalized: 'required' },
  },
  {
    code: 'WAR-EXT',
    kind: 'date',
    labels: ['Warranty extended until', 'Garanție extinsă până la', 'Garantia estendida até', 'Garantia ampliada fins al'],
  },
];

export function insertExtraFields(ctx: DemoContext, t0: number, typeIdByCode: ReadonlyMap<string, string>): void {
  const row = inserter(ctx, 'request_type_fields', [
    'id', 'created_at', 'updated_at', 'version', 'request_type_id', 'sequence', 'kind',
    'label_en', 'label_ro', 'label_pt_br', 'label_ca', 'options', 'states', 'active',
  ]);
  FIELDS.forEach((f, i) => {
    const typeId = typeIdByCode.get(f.code);
    if (!typeId) throw new Error(`demo extra field on unknown request type ${f.code}`);
    const ms = t0 + 500_000 + i;
    row([ctx.uuid(ms), ms, ms, 1, typeId, (i + 1) * 10, f.kind, ...f.labels, JSON.stringify(f.options ?? []), JSON.stringify(f.states ?? {}), 1]);
  });
}
