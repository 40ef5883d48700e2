import type { Catalogue } from '../catalogue-shape';

// The Calendar module: interventions at their planned start and end, by day, week, month, list and technician.

export const en = {
  calendar: {
    technicians: 'Technicians',
    teams: 'Teams',
    statuses: 'Status',
    anyTechnician: 'Any technician',
    anyTeam: 'Any team',
    anyStatus: 'Any status',
    colourBy: 'Colour by',
    byStatus: 'Status',
    byPriority: 'Priority',
    perTechnician: 'Technicians, day',
    timeline: 'Technicians, week',
    noTechnician: 'No technician',
    more: 'This range holds more than {{n}} interventions: narrow the filters to see them all.',
    loadFailed: 'The calendar could not be read: {{reason}}',
    keys: {
      title: 'Calendar',
      move: 'Previous / next period',
      today: 'Today',
      views: 'Month, week, day, list',
      open: 'Open the intervention (on an event)',
    },
  },
};

export const ro: Pick<Catalogue<'one' | 'few' | 'other'>, 'calendar'> = {
  calendar: {
    technicians: 'Tehnicieni',
    teams: 'Echipe',
    statuses: 'Stare',
    anyTechnician: 'Orice tehnician',
    anyTeam: 'Orice echipă',
    anyStatus: 'Orice stare',
    colourBy: 'Culoare după',
    byStatus: 'Stare',
    byPriority: 'Prioritate',
    perTechnician: 'Tehnicieni, zi',
    timeline: 'Tehnicieni, săptămână',
    noTechnician: 'Fără tehnician',
    more: 'Intervalul are peste {{n}} intervenții: restrângeți filtrele ca să le vedeți pe toate.',
    loadFailed: 'Calendarul nu a putut fi citit: {{reason}}',
    keys: {
      title: 'Calendar',
      move: 'Perioada anterioară / următoare',
      today: 'Azi',
      views: 'Lună, săptămână, zi, listă',
      open: 'Deschide intervenția (pe un eveniment)',
    },
  },
};

export const ptBR: Pick<Catalogue<'one' | 'many' | 'other'>, 'calendar'> = {
  calendar: {
    technicians: 'Técnicos',
    teams: 'Equipes',
    statuses: 'Status',
    anyTechnician: 'Qualquer técnico',
    anyTeam: 'Qualquer equipe',
    anyStatus: 'Qualquer status',
    colourBy: 'Cor por',
    byStatus: 'Status',
    byPriority: 'Prioridade',
    perTechnician: 'Técnicos, dia',
    timeline: 'Técnicos, semana',
    noTechnician: 'Sem técnico',
    more: 'Este período tem mais de {{n}} atendimentos: refine os filtros para ver todos.',
    loadFailed: 'Não foi possível ler a agenda: {{reason}}',
    keys: {
      title: 'Agenda',
      move: 'Período anterior / seguinte',
      today: 'Hoje',
      views: 'Mês, semana, dia, lista',
      open: 'Abrir o atendimento (sobre um evento)',
    },
  },
};

export const ca: Pick<Catalogue<'one' | 'many' | 'other'>, 'calendar'> = {
  calendar: {
    technicians: 'Tècnics',
    teams: 'Equips',
    statuses: 'Estat',
    anyTechnician: 'Qualsevol tècnic',
    anyTeam: 'Qualsevol equip',
    anyStatus: 'Qualsevol estat',
    colourBy: 'Color per',
    byStatus: 'Estat',
    byPriority: 'Prioritat',
    perTechnician: 'Tècnics, dia',
    timeline: 'Tècnics, setmana',
    noTechnician: 'Sense tècnic',
    more: 'Aquest període té més de {{n}} sol·licituds: afineu els filtres per veure-les totes.',
    loadFailed: 'No s’ha pogut llegir el calendari: {{reason}}',
    keys: {
      title: 'Calendari',
      move: 'Període anterior / següent',
      today: 'Avui',
      views: 'Mes, setmana, dia, llista',
      open: 'Obre la sol·licitud (sobre un esdeveniment)',
    },
  },
};
