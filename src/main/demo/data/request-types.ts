/** Product family a request type is about; decides which products its interventions mention. */
export type Family = 'camera' | 'alarm' | 'heating' | 'hvac' | 'network' | 'any';

export interface RequestTypeSeed {
  code: string;
  en: string;
  ro: string;
  ptBr: string;
  ca: string;
  family: Family;
  priority: 1 | 2 | 3;
  onPortal?: boolean;
  children?: RequestTypeSeed[];
}

const t = (
  code: string,
  en: string,
  ro: string,
  ptBr: string,
  ca: string,
  family: Family,
  priority: 1 | 2 | 3,
  onPortal = false,
  children: RequestTypeSeed[] = [],
): RequestTypeSeed => ({ code, en, ro, ptBr, ca, family, priority, onPortal, children });

/** Classification 1 → 2 → 3, translated for the four UI languages. */
export const REQUEST_TYPES: RequestTypeSeed[] = [
  t('INS', 'Installation', 'Instalare', 'Instalação', 'Instal·lació', 'any', 2, true, [
    t('INS-CAM', 'Security cameras', 'Camere de supraveghere', 'Câmeras de segurança', 'Càmeres de seguretat', 'camera', 2, true, [
      t('INS-CAM-IP', 'IP cameras', 'Camere IP', 'Câmeras IP', 'Càmeres IP', 'camera', 2),
      t('INS-CAM-AN', 'Analogue cameras', 'Camere analogice', 'Câmeras analógicas', 'Càmeres analògiques', 'camera', 1),
    ]),
    t('INS-ALM', 'Alarm system', 'Sistem de alarmă', 'Sistema de alarme', "Sistema d'alarma", 'alarm', 2, true),
    t('INS-HEA', 'Heating', 'Încălzire', 'Aquecimento', 'Calefacció', 'heating', 2, false, [
      t('INS-HEA-GAS', 'Gas boiler', 'Centrală pe gaz', 'Caldeira a gás', 'Caldera de gas', 'heating', 2),
      t('INS-HEA-HP', 'Heat pump', 'Pompă de căldură', 'Bomba de calor', 'Bomba de calor', 'heating', 2),
    ]),
    t('INS-AC', 'Air conditioning', 'Aer condiționat', 'Ar-condicionado', 'Aire condicionat', 'hvac', 2, true),
  ]),
  t('REP', 'Repair', 'Reparație', 'Reparo', 'Reparació', 'any', 3, true, [
    t('REP-BOI', 'Boiler fault', 'Defect centrală', 'Defeito na caldeira', 'Avaria de caldera', 'heating', 3, true),
    t('REP-HVAC', 'HVAC fault', 'Defect climatizare', 'Defeito na climatização', 'Avaria de climatització', 'hvac', 3, true, [
      t('REP-HVAC-COOL', 'Not cooling', 'Nu răcește', 'Não gela', 'No refreda', 'hvac', 3),
      t('REP-HVAC-LEAK', 'Water leak', 'Scurgere de apă', 'Vazamento de água', "Fuita d'aigua", 'hvac', 3),
    ]),
    t('REP-NET', 'Network / router', 'Rețea / router', 'Rede / roteador', 'Xarxa / encaminador', 'network', 2, true),
    t('REP-ALM', 'Alarm panel fault', 'Defect centrală de alarmă', 'Defeito na central de alarme', "Avaria de central d'alarma", 'alarm', 3),
  ]),
  t('MNT', 'Maintenance', 'Mentenanță', 'Manutenção', 'Manteniment', 'any', 1, false, [
    t('MNT-PER', 'Periodic inspection', 'Revizie periodică', 'Revisão periódica', 'Revisió periòdica', 'any', 1, false, [
      t('MNT-PER-BOI', 'Annual boiler check', 'Verificare anuală centrală', 'Revisão anual da caldeira', 'Revisió anual de caldera', 'heating', 1),
      t('MNT-PER-HVAC', 'HVAC filter service', 'Curățare filtre climatizare', 'Limpeza de filtros do ar', "Neteja de filtres d'aire", 'hvac', 1),
      t('MNT-PER-CAM', 'CCTV check', 'Verificare sistem video', 'Revisão do CFTV', 'Revisió del CCTV', 'camera', 1),
    ]),
    t('MNT-PRE', 'Preventive maintenance', 'Mentenanță preventivă', 'Manutenção preventiva', 'Manteniment preventiu', 'any', 1),
    t('MNT-CLN', 'Cleaning', 'Curățenie tehnică', 'Limpeza técnica', 'Neteja tècnica', 'hvac', 1),
    // What service contracts make (main/contracts): one per visit of a contract.
    t('MNT-SCH', 'Scheduled service', 'Service programat', 'Serviço programado', 'Servei programat', 'any', 1),
  ]),
  t('CMP', 'Complaint', 'Reclamație', 'Reclamação', 'Reclamació', 'any', 2, true, [
    t('CMP-SRV', 'Service quality', 'Calitatea serviciului', 'Qualidade do serviço', 'Qualitat del servei', 'any', 2, true),
    t('CMP-DEL', 'Delay', 'Întârziere', 'Atraso', 'Retard', 'any', 2, true),
    t('CMP-BIL', 'Billing', 'Facturare', 'Faturamento', 'Facturació', 'any', 1),
  ]),
  t('INF', 'Information', 'Informații', 'Informação', 'Informació', 'any', 1, true, [
    t('INF-OFF', 'Quotation request', 'Cerere de ofertă', 'Pedido de orçamento', 'Petició de pressupost', 'any', 1, true),
    t('INF-TEC', 'Technical advice', 'Consultanță tehnică', 'Consultoria técnica', 'Assessorament tècnic', 'any', 1),
  ]),
  t('WAR', 'Warranty', 'Garanție', 'Garantia', 'Garantia', 'any', 2, false, [
    t('WAR-REP', 'Warranty repair', 'Reparație în garanție', 'Reparo na garantia', 'Reparació en garantia', 'any', 2),
    t('WAR-RPL', 'Replacement', 'Înlocuire', 'Substituição', 'Substitució', 'any', 2, false, [
      t('WAR-RPL-DOA', 'Dead on arrival', 'Defect la livrare', 'Defeito de fábrica', "Defectuós a l'arribada", 'any', 3),
    ]),
    t('WAR-EXT', 'Warranty extension', 'Extindere garanție', 'Extensão de garantia', 'Ampliació de garantia', 'any', 1),
  ]),
];
