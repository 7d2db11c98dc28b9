/** Thematic topics, from the three sessions of the Ohrid report and the wider BP agenda. */
export const TOPICS = [
  'ASYLUM',
  'SMUGGLING_OF_MIGRANTS',
  'TRAFFICKING_IN_HUMAN_BEINGS',
  'RETURN_READMISSION',
  'REINTEGRATION',
  'BORDER_MANAGEMENT',
  'DOCUMENT_FRAUD',
  'LEGAL_PATHWAYS',
] as const;
export type Topic = (typeof TOPICS)[number];

export const TOPIC_DESCRIPTIONS: Record<Topic, string> = {
  ASYLUM: 'Asylum systems and international protection of vulnerable groups on the move',
  SMUGGLING_OF_MIGRANTS: 'Preventing and countering the smuggling of migrants',
  TRAFFICKING_IN_HUMAN_BEINGS: 'Identifying victims and countering trafficking in human beings',
  RETURN_READMISSION: 'Return and readmission frameworks',
  REINTEGRATION: 'Sustainable reintegration of returnees: referral, digital tools, partnerships',
  BORDER_MANAGEMENT: 'Border management and law-enforcement capacity',
  DOCUMENT_FRAUD: 'Forged and fraudulently obtained identity and travel documents',
  LEGAL_PATHWAYS: 'Legal migration options that lessen the appeal of smuggling',
};

export function isTopic(value: unknown): value is Topic {
  return typeof value === 'string' && (TOPICS as readonly string[]).includes(value);
}
