import { Channel } from '@bp/contracts';
import { DEFAULT_RESPONSE_TIMES } from '../src/domain/due-time';
import {
  InformationRequest,
  RfiDraftInput,
  RfiEnvironment,
} from '../src/domain/information-request';
import { actor } from '../../../test/support/domain-fixtures';

/** Test fixtures for the domain specs: fixed time, predictable ids, the usual cast. */
export const T0 = new Date('2026-05-19T09:00:00Z');

export function environment(now = T0): RfiEnvironment {
  let next = 0;
  return { now, newId: () => `id-${++next}`, responseTimes: DEFAULT_RESPONSE_TIMES };
}

export const cast = {
  pakistan: actor('fp-pak', 'focal_point', 'PAK'),
  serbia: actor('fp-srb', 'focal_point', 'SRB'),
  hungary: actor('fp-hun', 'focal_point', 'HUN'),
  austria: actor('fp-aut', 'focal_point', 'AUT'),
  secretariat: actor('secretariat', 'secretariat', 'ICMPD'),
  admin: actor('admin', 'admin', null),
  // On the posting the fixtures' officer assignments are made under.
  officer: {
    ...actor('lo-pak-srb', 'liaison_officer', 'PAK', 'officer-1'),
    postingId: 'posting-1',
  },
};

export function draftInput(
  channel: Channel,
  targetParties: string[],
  overrides: Partial<RfiDraftInput> = {},
): RfiDraftInput {
  return {
    title: 'Smuggling network using forged Schengen visas',
    question: 'Do you hold information on the facilitators named in the annex?',
    topics: ['SMUGGLING_OF_MIGRANTS', 'DOCUMENT_FRAUD'],
    priority: 'HIGH',
    channel,
    targetParties,
    handlingCode: 'H2',
    handlingNote: null,
    secretariatAccess: 'FULL',
    language: 'en',
    ...overrides,
  };
}

export function draft(
  channel: Channel = 'BILATERAL',
  targets = channel === 'BILATERAL' ? ['SRB'] : ['SRB', 'HUN', 'AUT'],
  overrides: Partial<RfiDraftInput> = {},
) {
  return InformationRequest.draft({
    id: 'rfi-1',
    reference: 'RFI-2026-000001',
    requester: cast.pakistan,
    input: draftInput(channel, targets, overrides),
    now: T0,
  });
}
