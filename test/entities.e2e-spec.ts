import { randomUUID } from 'node:crypto';
import { as } from './support/api';
import { appsForFile } from './support/apps-for-file';
import { expectProblem } from './support/problem-assertions';
import { RfiBody, fileRfi } from './support/rfi-fixtures';
import { multilateralStory } from './support/multilateral-story';

jest.setTimeout(180_000);

interface EntityView {
  id: string;
  rfiId: string;
  messageId: string | null;
  messageKind: string | null;
  type: string;
  handlingCode: string;
  values: Record<string, unknown> | null;
  valuesWithheld: boolean;
  addedByParty: string | null;
  addedAt: string;
}

interface HistoryLine {
  action: string;
  details: Record<string, unknown>;
}

const entitiesOf = (user: string, rfiId: string) =>
  as<{ items: EntityView[] }>(user, 'GET', `/rfis/${rfiId}/entities`);
const addEntities = (user: string, rfiId: string, json: Record<string, unknown>) =>
  as<{ items: EntityView[] }>(user, 'POST', `/rfis/${rfiId}/entities`, { json });
const historyOf = async (user: string, rfiId: string) =>
  (await as<{ items: HistoryLine[] }>(user, 'GET', `/rfis/${rfiId}/history?limit=100`)).body.items;

describe('structured entities on requests and their thread (real Kafka and PostgreSQL)', () => {
  appsForFile('rfi-service');
  const tag = randomUUID().slice(0, 8);
  const person = {
    type: 'PERSON',
    names: [`Горан Ђорђевић ${tag}`, `Goran Djordjevic ${tag}`],
    dateOfBirth: '1979-04-12',
    nationality: 'SRB',
    role: 'FACILITATOR',
  };
  const passport = {
    type: 'DOCUMENT',
    documentType: 'PASSPORT',
    number: `P${tag.toUpperCase()}`,
    issuingCountry: 'SRB',
  };

  it('refuses entities that do not fit their type, naming each field, and keeps none of them', async () => {
    const draft = await fileRfi('fp-pak', { submit: false });
    const refused = await addEntities('fp-pak', draft.id, {
      entities: [
        { type: 'PERSON', names: ['Ivan Petrović'], role: 'SUSPECT', number: 'AB123' },
        { type: 'PHONE', number: '0641234567' },
        { type: 'ROUTE_SEGMENT', fromCountry: 'TUR', toCountry: 'TUR', mode: 'LAND' },
        { type: 'DOCUMENT', documentType: 'PASSPORT', number: 'AB1' },
        person,
      ],
    });
    const problem = expectProblem(refused, 400);
    expect(problem.code).toBe('ENTITY.SHAPE');
    expect(problem.errors!.map((e) => e.field).sort()).toEqual([
      'entities[0].number',
      'entities[1].number',
      'entities[2].toCountry',
      'entities[3].issuingCountry',
    ]);
    // Formats are the gateway's to refuse, before the service: a type it does not know, a field
    // no entity has, a date that is not one.
    for (const entity of [
      { type: 'PET', name: 'Rex' },
      { ...person, nickname: 'Goki' },
      { ...person, dateOfBirth: '12.04.1979' },
      // Null is not a value: it would reach the matching as the text "null".
      { ...person, names: null },
      { ...person, dateOfBirth: null },
      { ...passport, number: null },
      { ...person, names: ['   '] },
    ])
      expectProblem(await addEntities('fp-pak', draft.id, { entities: [entity] }), 400);
    expectProblem(await addEntities('fp-pak', draft.id, { entities: [] }), 400);
    expect((await entitiesOf('fp-pak', draft.id)).body.items).toEqual([]);
  });

  let rfi: RfiBody;

  it('lets the requester name them on its draft, and nobody else see the draft or them', async () => {
    rfi = await fileRfi('fp-pak', { submit: false, secretariatAccess: 'METADATA_ONLY' });
    const added = await addEntities('fp-pak', rfi.id, { entities: [person, passport] });
    expect(added.status).toBe(201);
    expect(added.body.items).toEqual([
      {
        id: expect.any(String),
        rfiId: rfi.id,
        messageId: null,
        messageKind: null,
        type: 'PERSON',
        handlingCode: 'H2',
        values: { ...person, type: undefined, minor: false },
        valuesWithheld: false,
        addedByParty: 'PAK',
        addedAt: expect.any(String),
      },
      expect.objectContaining({
        type: 'DOCUMENT',
        values: {
          documentType: 'PASSPORT',
          number: passport.number,
          issuingCountry: 'SRB',
          validUntil: null,
        },
      }),
    ]);
    for (const other of ['fp-srb', 'fp-hun', 'secretariat'])
      expectProblem(await entitiesOf(other, rfi.id), 404);
  });

  it('shows them to the recipient once submitted, to the secretariat on METADATA_ONLY by type only, and to an unrelated party not at all', async () => {
    expect((await as('fp-pak', 'POST', `/rfis/${rfi.id}/submit`)).status).toBe(200);
    const mine = (await entitiesOf('fp-pak', rfi.id)).body.items;
    expect((await entitiesOf('fp-srb', rfi.id)).body.items).toEqual(mine);

    const secretariat = await entitiesOf('secretariat', rfi.id);
    expect(secretariat.status).toBe(200);
    expect(
      secretariat.body.items.map(({ type, values, valuesWithheld }) => ({
        type,
        values,
        valuesWithheld,
      })),
    ).toEqual([
      { type: 'PERSON', values: null, valuesWithheld: true },
      { type: 'DOCUMENT', values: null, valuesWithheld: true },
    ]);
    expect(JSON.stringify(secretariat.body)).not.toContain(tag);
    expect(JSON.stringify(secretariat.body)).not.toContain(tag.toUpperCase());

    const unrelated = expectProblem(await entitiesOf('fp-hun', rfi.id), 404);
    expect(unrelated.code).toBe('RFI.NOT_FOUND');

    // Once submitted, what was asked stays as it was read: more go with a message.
    const late = expectProblem(await addEntities('fp-pak', rfi.id, { entities: [person] }), 409);
    expect(late.code).toBe('ENTITY.DRAFT_ONLY');
    expectProblem(await addEntities('fp-srb', rfi.id, { entities: [person] }), 403);
  });

  it('records them in the history by id and type, never by value', async () => {
    const ids = (await entitiesOf('fp-pak', rfi.id)).body.items.map((e) => e.id);
    const lines = await historyOf('fp-pak', rfi.id);
    expect(lines.filter((line) => line.action === 'ENTITIES_ADDED').map((l) => l.details)).toEqual([
      {
        messageId: null,
        messageKind: null,
        entities: [
          { id: ids[0], type: 'PERSON' },
          { id: ids[1], type: 'DOCUMENT' },
        ],
      },
    ]);
    for (const reader of ['fp-pak', 'fp-srb', 'secretariat']) {
      const seen = JSON.stringify(await historyOf(reader, rfi.id));
      expect(seen).not.toContain(tag);
      expect(seen).not.toContain(tag.toUpperCase());
    }
  });

  it("keeps how the draft was drafted to the requester: others' histories and versions start at its submission", async () => {
    const actions = async (user: string) => (await historyOf(user, rfi.id)).map((l) => l.action);
    expect(await actions('fp-pak')).toEqual(
      expect.arrayContaining(['CREATED', 'ENTITIES_ADDED', 'SUBMITTED', 'ROUTED']),
    );
    for (const other of ['fp-srb', 'secretariat']) {
      const seen = await actions(other);
      expect(seen[0]).toBe('SUBMITTED');
      expect(seen).not.toContain('CREATED');
      expect(seen).not.toContain('ENTITIES_ADDED');
      const view = await as<RfiBody>(other, 'GET', `/rfis/${rfi.id}`);
      expect(view.body.version).toBe(seen.filter((a) => a !== 'BODY_READ').length);
    }
  });

  it('lets a recipient name them on its response, seen by those who may read it and by no other recipient', async () => {
    const filed = await fileRfi('fp-pak', {
      channel: 'MULTILATERAL',
      targetParties: ['SRB', 'HUN'],
    });
    const routed = await as<RfiBody>('secretariat', 'POST', `/rfis/${filed.id}/route`, {
      json: { recipients: [{ party: 'SRB' }, { party: 'HUN' }] },
    });
    expect(routed.status).toBe(200);
    const own = routed.body.assignments.find((a) => a.recipientParty === 'SRB')!;
    const answer = await as<{ id: string }>('fp-srb', 'POST', `/rfis/${filed.id}/messages`, {
      json: {
        kind: 'RESPONSE',
        assignmentId: own.id,
        body: `Answer ${tag}`,
        handlingCode: 'H1',
        releasability: 'REQUESTER',
      },
    });
    expect(answer.status).toBe(201);
    const phone = {
      type: 'PHONE',
      number: `+38164${String(parseInt(tag, 16) % 10_000_000).padStart(7, '0')}`,
    };

    // Another recipient cannot find the message; the requester is not its author.
    expect(
      expectProblem(
        await addEntities('fp-hun', filed.id, { messageId: answer.body.id, entities: [phone] }),
        404,
      ).code,
    ).toBe('ENTITY.MESSAGE_NOT_FOUND');
    expect(
      expectProblem(
        await addEntities('fp-pak', filed.id, { messageId: answer.body.id, entities: [phone] }),
        403,
      ).code,
    ).toBe('ENTITY.NOT_AUTHOR');

    const added = await addEntities('fp-srb', filed.id, {
      messageId: answer.body.id,
      entities: [phone],
    });
    expect(added.status).toBe(201);
    expect(added.body.items[0]).toMatchObject({
      messageId: answer.body.id,
      messageKind: 'RESPONSE',
      handlingCode: 'H1',
    });

    // Each reader has of the entity exactly what it has of the response: the values with the body.
    const seen: Record<string, boolean> = {};
    for (const reader of ['fp-pak', 'fp-srb', 'secretariat']) {
      const thread = await as<{ items: { id: string; bodyWithheld: boolean }[] }>(
        reader,
        'GET',
        `/rfis/${filed.id}/messages`,
      );
      const withheld = thread.body.items.find((m) => m.id === answer.body.id)!.bodyWithheld;
      expect((await entitiesOf(reader, filed.id)).body.items).toEqual([
        expect.objectContaining({
          type: 'PHONE',
          values: withheld ? null : { number: phone.number },
          valuesWithheld: withheld,
        }),
      ]);
      seen[reader] = !withheld;
    }
    // Released to the requester: its author and the requester read it, the secretariat does not.
    expect(seen).toEqual({ 'fp-pak': true, 'fp-srb': true, secretariat: false });
    const hun = await entitiesOf('fp-hun', filed.id);
    expect(hun.status).toBe(200);
    expect(hun.body.items).toEqual([]);
    // Nor does HUN's history tell of them.
    expect((await historyOf('fp-hun', filed.id)).map((line) => line.action)).not.toContain(
      'ENTITIES_ADDED',
    );
  });

  it('exports to the requester everything it may see of its request, and nothing else', async () => {
    const { rfi: story, words } = await multilateralStory('FULL');
    const holdReason = `Audit of the Silk Routes case ${randomUUID().slice(0, 8)}`;
    const held = await as('fp-pak', 'POST', `/rfis/${story.id}/legal-hold`, {
      json: { reason: holdReason },
    });
    expect(held.status).toBe(201);
    const exported = await as<{
      request: { id: string; version: number };
      thread: unknown[];
      history: { action: string; details: { what?: string } }[];
      entities: unknown[];
      links: unknown[];
      retention: unknown;
    }>('fp-pak', 'GET', `/rfis/${story.id}/export`);
    expect(exported.status).toBe(200);
    const text = JSON.stringify(exported.body);
    for (const shown of [
      words.question,
      words.serbianAnswer,
      words.handlingNote,
      words.hungarianReason,
      holdReason,
    ])
      expect(text).toContain(shown);
    // The secretariat's internal note and its routing note are not the requester's to see.
    for (const hidden of [words.internalNote, words.routingNote])
      expect(text).not.toContain(hidden);
    // Each part as its own route shows it to the requester.
    const thread = await as<{ items: unknown[] }>(
      'fp-pak',
      'GET',
      `/rfis/${story.id}/messages?limit=100`,
    );
    expect(exported.body.thread).toEqual(thread.body.items);
    expect(exported.body.request.id).toBe(story.id);
    expect(exported.body.entities).toEqual([]);
    expect(exported.body.links).toEqual([]);
    expect(exported.body.retention).toEqual(
      (await as('fp-pak', 'GET', `/rfis/${story.id}/retention`)).body,
    );
    // And the export is in the history, as a read.
    const after = await as<{ items: { action: string; details: { what?: string } }[] }>(
      'fp-pak',
      'GET',
      `/rfis/${story.id}/history?limit=100`,
    );
    expect(
      after.body.items.some((l) => l.action === 'BODY_READ' && l.details.what === 'export'),
    ).toBe(true);
    // Only the requester exports: a recipient is refused, an unrelated party finds nothing.
    expect((await as('fp-srb', 'GET', `/rfis/${story.id}/export`)).status).toBe(403);
    expect((await as('fp-aut', 'GET', `/rfis/${story.id}/export`)).status).toBe(404);
    expect((await as('secretariat', 'GET', `/rfis/${story.id}/export`)).status).toBe(403);
  });
});
