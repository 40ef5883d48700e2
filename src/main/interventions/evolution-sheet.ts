import type { Language } from '../../shared/i18n/languages';
import { interventionHistory } from '../audit/queries';
import { listMessages } from '../thread/messages';
import type { ServiceContext } from '../core/context';
import { type EvolutionSheet } from '../../shared/api/interventions';
import { getDetail } from "./queries";

/** The evolution sheet: the intervention, its whole thread and its history, read in one go. */
export function evolutionSheet(s: ServiceContext, id: string, language: Language): EvolutionSheet {
  return s.raw.transaction(() => ({
    detail: getDetail(s, id, language),
    messages: listMessages(s, id),
    history: interventionHistory(s, id, language),
    printedAt: s.now(),
  }))();
}
