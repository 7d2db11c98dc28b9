import { randomUUID } from 'node:crypto';
import { as } from './api';
import { RfiBody, fileRfi } from './rfi-fixtures';

export interface RfiView extends RfiBody {
  updatedAt: string;
  handlingNote: string | null;
  outcome: string | null;
  targetParties: string[];
  assignments: (RfiBody['assignments'][number] & { declineReason: string | null })[];
}

/** Words that only the people entitled to them may ever get back, in any field of any answer. */
function secrets() {
  const tag = randomUUID().slice(0, 8);
  return {
    tag,
    handlingNote: `handling-note-${tag}`,
    routingNote: `routing-note-${tag}`,
    internalNote: `internal-note-${tag}`,
    serbianAnswer: `serbian-answer-${tag}`,
    hungarianReason: `hungarian-decline-${tag}`,
    question: `question-${tag}`,
  };
}

/** PAK asks SRB and HUN through the secretariat; SRB answers, HUN declines, the secretariat notes. */
export async function multilateralStory(secretariatAccess: 'FULL' | 'METADATA_ONLY') {
  const words = secrets();
  const filed = await fileRfi('fp-pak', {
    channel: 'MULTILATERAL',
    targetParties: ['SRB', 'HUN'],
    secretariatAccess,
    handlingNote: words.handlingNote,
    question: `Do you know the network? ${words.question}`,
    title: `Network on the Western Balkans route ${words.tag}`,
  });
  const routed = await as<RfiView>('secretariat', 'POST', `/rfis/${filed.id}/route`, {
    json: {
      recipients: [{ party: 'SRB' }, { party: 'HUN' }],
      note: words.routingNote,
    },
  });
  expect(routed.status).toBe(200);
  const srb = routed.body.assignments.find((a) => a.recipientParty === 'SRB')!;
  const hun = routed.body.assignments.find((a) => a.recipientParty === 'HUN')!;
  expect(
    (await as('fp-srb', 'POST', `/rfis/${filed.id}/assignments/${srb.id}/acknowledge`)).status,
  ).toBe(200);
  const answer = await as('fp-srb', 'POST', `/rfis/${filed.id}/messages`, {
    json: {
      kind: 'RESPONSE',
      assignmentId: srb.id,
      body: words.serbianAnswer,
      handlingCode: 'H2',
      releasability: 'REQUESTER',
    },
  });
  expect(answer.status).toBe(201);
  const declined = await as('fp-hun', 'POST', `/rfis/${filed.id}/assignments/${hun.id}/decline`, {
    json: { reason: words.hungarianReason },
  });
  expect(declined.status).toBe(200);
  const note = await as('secretariat', 'POST', `/rfis/${filed.id}/messages`, {
    json: { kind: 'NOTE', body: words.internalNote, handlingCode: 'H0' },
  });
  expect(note.status).toBe(201);
  for (const reader of ['fp-srb', 'fp-hun', 'fp-pak'])
    expect((await as(reader, 'GET', `/rfis/${filed.id}`)).status).toBe(200);
  return { rfi: filed, srb, hun, words };
}

/** What multilateralStory changes, in order, apart from the secretariat's internal note. */
export const STORY_CHANGES = [
  'CREATED',
  'SUBMITTED',
  'ROUTED',
  'ACKNOWLEDGED',
  'RESPONDED',
  'DECLINED',
];
