/** Two field teams per country; technicians come from the team's country so languages match. */
export const TEAMS: readonly { name: string; country: 'RO' | 'PT' | 'BR' | 'ES' }[] = [
  { name: 'Echipa București', country: 'RO' },
  { name: 'Echipa Cluj', country: 'RO' },
  { name: 'Equipa Lisboa', country: 'PT' },
  { name: 'Equipa Porto', country: 'PT' },
  { name: 'Equipe São Paulo', country: 'BR' },
  { name: 'Equipe Rio de Janeiro', country: 'BR' },
  { name: 'Equip Barcelona', country: 'ES' },
  { name: 'Equip Girona', country: 'ES' },
];

/** Job titles per role, in the person's language. */
export const JOB_TITLES: Record<'RO' | 'PT' | 'BR' | 'ES', { operator: string; technician: string; verifier: string }> = {
  RO: { operator: 'Operator call center', technician: 'Tehnician service', verifier: 'Responsabil calitate' },
  PT: { operator: 'Operador de call center', technician: 'Técnico de assistência', verifier: 'Responsável de qualidade' },
  BR: { operator: 'Atendente de call center', technician: 'Técnico de campo', verifier: 'Supervisor de qualidade' },
  ES: { operator: "Operador d'atenció al client", technician: 'Tècnic de servei', verifier: 'Responsable de qualitat' },
};
