import { randomInt } from 'node:crypto';
import { as } from './support/api';
import { appsForFile } from './support/apps-for-file';
import { inbox } from './support/notification-fixtures';
import { RfiBody, fileRfi } from './support/rfi-fixtures';
import { eventually } from './support/test-env';

jest.setTimeout(180_000);

interface HistoryLine {
  action: string;
  details: Record<string, unknown>;
}

/** A surname of this run, in Latin and in Serbian Cyrillic, letter for letter. */
function surnameOfThisRun(): { latin: string; cyrillic: string } {
  const letters: [string, string][] = [
    ['b', 'б'],
    ['v', 'в'],
    ['g', 'г'],
    ['d', 'д'],
    ['z', 'з'],
    ['k', 'к'],
    ['l', 'л'],
    ['m', 'м'],
    ['n', 'н'],
    ['p', 'п'],
    ['r', 'р'],
    ['s', 'с'],
    ['t', 'т'],
    ['f', 'ф'],
  ];
  const vowels: [string, string][] = [
    ['a', 'а'],
    ['e', 'е'],
    ['i', 'и'],
    ['o', 'о'],
    ['u', 'у'],
  ];
  let latin = '';
  let cyrillic = '';
  for (let i = 0; i < 4; i += 1) {
    const [l1, c1] = letters[randomInt(letters.length)]!;
    const [l2, c2] = vowels[randomInt(vowels.length)]!;
    latin += l1 + l2;
    cyrillic += c1 + c2;
  }
  const cap = (text: string) => text[0]!.toUpperCase() + text.slice(1);
  return { latin: `${cap(latin)}vić`, cyrillic: `${cap(cyrillic)}вић` };
}

const historyOf = async (user: string, rfiId: string) =>
  (await as<{ items: HistoryLine[] }>(user, 'GET', `/rfis/${rfiId}/history?limit=100`)).body.items;
const linkLines = async (user: string, rfiId: string) =>
  (await historyOf(user, rfiId)).filter((line) => line.action === 'POSSIBLE_LINK_FOUND');

/** Files a draft as `requester`, names `entities` on it, and submits it. */
async function fileWith(
  requester: string,
  overrides: Record<string, unknown>,
  entities: Record<string, unknown>[],
): Promise<RfiBody> {
  const draft = await fileRfi(requester, { submit: false, ...overrides });
  const added = await as(requester, 'POST', `/rfis/${draft.id}/entities`, { json: { entities } });
  expect(added.status).toBe(201);
  const submitted = await as<RfiBody>(requester, 'POST', `/rfis/${draft.id}/submit`);
  expect(submitted.status).toBe(200);
  return submitted.body;
}

describe('possible links between requests naming the same person, document or phone (real Kafka and PostgreSQL)', () => {
  appsForFile('rfi-service', 'notification-service');
  const { latin, cyrillic } = surnameOfThisRun();
  const phone = `+3816${String(randomInt(10_000_000, 99_999_999))}`;
  const otherPhone = `+3817${String(randomInt(10_000_000, 99_999_999))}`;
  let first: RfiBody;
  let second: RfiBody;

  it('links the second request naming a person to the first, and tells the secretariat once, by references and types only', async () => {
    first = await fileWith(
      'fp-pak',
      { targetParties: ['SRB'], secretariatAccess: 'METADATA_ONLY' },
      [
        {
          type: 'PERSON',
          names: [`Goran ${latin}`],
          dateOfBirth: '1979-04-12',
          role: 'FACILITATOR',
        },
      ],
    );
    expect(await linkLines('fp-pak', first.id)).toEqual([]);

    second = await fileWith('fp-hun', { targetParties: ['AUT'] }, [
      { type: 'PERSON', names: [`Горан ${cyrillic}`], dateOfBirth: '1979-04-12', role: 'SUSPECT' },
      { type: 'PHONE', number: phone },
    ]);

    const told = await eventually('the secretariat to be told', async () => {
      const notices = (await inbox('secretariat', '?kind=RFI_POSSIBLE_LINK')).filter(
        (n) => n.subject.id === second.id,
      );
      return notices.length ? notices : undefined;
    });
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toEqual({
      type: 'rfi',
      id: second.id,
      reference: second.reference,
      title: expect.any(String),
    });
    expect(told[0]!.details).toEqual({
      linkId: expect.any(String),
      linkedReference: first.reference,
      entityTypes: ['PERSON'],
    });
    // References and types: on a METADATA_ONLY request, never the values.
    expect(JSON.stringify(told)).not.toMatch(new RegExp(`${latin}|${cyrillic}|1979-04-12`, 'i'));
  });

  it('tells the requester of the second only that a link may exist, and the first requester nothing it did not have', async () => {
    const reported = await eventually('HUN to be told', async () => {
      const notices = (await inbox('fp-hun', '?kind=RFI_POSSIBLE_LINK_REPORTED')).filter(
        (n) => n.subject.id === second.id,
      );
      return notices.length ? notices : undefined;
    });
    expect(reported.map((n) => n.details)).toEqual([{ entityTypes: ['PERSON'] }]);
    const everythingHunHears = JSON.stringify(await inbox('fp-hun'));
    expect(everythingHunHears).not.toContain(first.id);
    expect(everythingHunHears).not.toContain(first.reference);
    expect(JSON.stringify(await inbox('fp-pak'))).not.toContain(second.reference);

    // Both histories have the line (the other request's soon after); each requester sees the
    // link and its types, and whether its own request found it, never the other request.
    for (const [requester, rfi, foundHere] of [
      ['fp-hun', second, true],
      ['fp-pak', first, false],
    ] as const) {
      const lines = await eventually(`the line in ${rfi.reference}`, async () => {
        const found = await linkLines(requester, rfi.id);
        return found.length ? found : undefined;
      });
      expect(lines.map((l) => l.details)).toEqual([
        { linkId: expect.any(String), entityTypes: ['PERSON'], foundHere },
      ]);
    }
    // The secretariat sees which request, in both.
    expect(
      (await linkLines('secretariat', first.id)).map((l) => l.details.linkedReference),
    ).toEqual([second.reference]);
    expect(
      (await linkLines('secretariat', second.id)).map((l) => l.details.linkedReference),
    ).toEqual([first.reference]);
    // Recipients see no such line, and an unrelated party nothing at all.
    expect(await linkLines('fp-srb', first.id)).toEqual([]);
    expect(await linkLines('fp-aut', second.id)).toEqual([]);
    expect((await as('fp-mkd', 'GET', `/rfis/${second.id}/history`)).status).toBe(404);
    const mkd = JSON.stringify(await inbox('fp-mkd'));
    expect(mkd).not.toContain(first.reference);
    expect(mkd).not.toContain(second.reference);
  });

  it('finds by entity, in similar and as suggestions on a draft, only requests the caller may see and read', async () => {
    interface Similar {
      id: string;
      sharedEntityTypes: string[];
    }
    const similarOf = async (user: string, rfi: RfiBody) =>
      (await as<{ items: Similar[] }>(user, 'GET', `/rfis/${rfi.id}/similar`)).body.items;
    const byEntity = (items: Similar[]) =>
      items.filter((i) => i.sharedEntityTypes.length).map((i) => [i.id, i.sharedEntityTypes]);
    // HUN may not see PAK's request: the person both name does not bring it up.
    expect(byEntity(await similarOf('fp-hun', second))).toEqual([]);
    expect(JSON.stringify(await similarOf('fp-hun', second))).not.toContain(first.id);

    // PAK's own new draft naming the person is offered PAK's earlier request, by entity.
    const draft = await fileRfi('fp-pak', { submit: false, targetParties: ['HUN'] });
    const offered = await as<{ suggestions: { items: Similar[] } }>(
      'fp-pak',
      'POST',
      `/rfis/${draft.id}/entities`,
      {
        json: {
          entities: [
            {
              type: 'PERSON',
              names: [`Goran ${latin}`],
              dateOfBirth: '1979-04-12',
              role: 'SUSPECT',
            },
          ],
        },
      },
    );
    expect(offered.status).toBe(201);
    expect(byEntity(offered.body.suggestions.items)).toEqual([[first.id, ['PERSON']]]);
    expect(byEntity(await similarOf('fp-pak', draft))).toEqual([[first.id, ['PERSON']]]);
    // A draft is nobody else's: it is matched against nothing and offered to no one.
    expect(byEntity(await similarOf('fp-hun', second))).toEqual([]);

    // The secretariat reads no entity of a METADATA_ONLY request: no match by them.
    const seen = await similarOf('secretariat', second);
    expect(seen.find((i) => i.id === first.id)?.sharedEntityTypes ?? []).toEqual([]);
  });

  it('does not link a different person with an alike name, nor a name alone', async () => {
    const other = await fileWith('fp-aut', { targetParties: ['SRB'] }, [
      // Another date of birth: another person, however alike the name.
      { type: 'PERSON', names: [`Goran ${latin}`], dateOfBirth: '1985-02-03', role: 'WITNESS' },
      // One letter off the first name, without a date of birth: 0.85 is not reached.
      { type: 'PERSON', names: [`Zoran ${latin}`], role: 'WITNESS' },
    ]);
    // Matching runs in the submission's transaction: had it linked, the line would be there.
    expect(await linkLines('fp-aut', other.id)).toEqual([]);
  });

  it("links a recipient's response naming a phone to the request that named it, once per pair of requests", async () => {
    const third = await fileWith('fp-mkd', { targetParties: ['TUR'] }, [
      { type: 'PHONE', number: otherPhone },
    ]);
    const own = first.assignments.find((a) => a.recipientParty === 'SRB')!;
    const answer = await as<{ id: string }>('fp-srb', 'POST', `/rfis/${first.id}/messages`, {
      json: {
        kind: 'RESPONSE',
        assignmentId: own.id,
        body: 'The number he used',
        handlingCode: 'H1',
      },
    });
    expect(answer.status).toBe(201);
    // The phone of the third request, and the one of the second (already linked to the first).
    const added = await as('fp-srb', 'POST', `/rfis/${first.id}/entities`, {
      json: {
        messageId: answer.body.id,
        entities: [
          { type: 'PHONE', number: otherPhone },
          { type: 'PHONE', number: phone },
        ],
      },
    });
    expect(added.status).toBe(201);

    const lines = await linkLines('secretariat', first.id);
    expect(lines.map((l) => [l.details.linkedReference, l.details.entityTypes])).toEqual([
      [second.reference, ['PERSON']],
      [third.reference, ['PHONE']],
    ]);
    await eventually('the secretariat told of the new link', async () =>
      (await inbox('secretariat', '?kind=RFI_POSSIBLE_LINK')).some(
        (n) => n.subject.id === first.id && n.details.linkedReference === third.reference,
      ),
    );
    // The recipient that named it learns nothing of the link; the requester that a link may exist.
    expect(await linkLines('fp-srb', first.id)).toEqual([]);
    await eventually('PAK told', async () =>
      (await inbox('fp-pak', '?kind=RFI_POSSIBLE_LINK_REPORTED')).some(
        (n) => n.subject.id === first.id,
      ),
    );
    expect(JSON.stringify(await inbox('fp-srb'))).not.toContain('POSSIBLE_LINK');
    expect(
      (await inbox('secretariat', '?kind=RFI_POSSIBLE_LINK')).filter(
        (n) =>
          [first.id, second.id].includes(n.subject.id) &&
          [first.reference, second.reference].includes(n.details.linkedReference as string),
      ),
    ).toHaveLength(1);
  });
});

interface OverseenLink {
  id: string;
  status: string;
  entityTypes: string[];
  requests: { id: string; reference: string; consent: boolean | null }[];
}
interface RequesterLink {
  id: string;
  status: string;
  entityTypes: string[];
  yourConsent: boolean | null;
  linkedRequest: { id: string; reference: string } | null;
}

describe('consent to a possible link: the secretariat asks, both requesters agree or one refuses', () => {
  appsForFile('rfi-service', 'notification-service');
  const { latin, cyrillic } = surnameOfThisRun();
  const phone = `+3818${String(randomInt(10_000_000, 99_999_999))}`;
  let first: RfiBody;
  let second: RfiBody;
  let third: RfiBody;
  let personLink: OverseenLink;
  let phoneLink: OverseenLink;

  const overseen = async () =>
    (await as<{ items: OverseenLink[] }>('secretariat', 'GET', '/possible-links?limit=100')).body
      .items;
  const linkBetween = async (a: RfiBody, b: RfiBody) =>
    (await overseen()).find((l) =>
      [a.id, b.id].every((id) => l.requests.some((r) => r.id === id)),
    )!;
  const linksOf = (user: string, rfi: RfiBody) =>
    as<{ items: RequesterLink[] }>(user, 'GET', `/rfis/${rfi.id}/links`);
  const answer = (user: string, rfi: RfiBody, linkId: string, verb: 'consent' | 'refuse') =>
    as<RequesterLink & { code?: string }>(user, 'POST', `/rfis/${rfi.id}/links/${linkId}/${verb}`);

  beforeAll(async () => {
    first = await fileWith('fp-pak', { targetParties: ['SRB'] }, [
      { type: 'PERSON', names: [`Goran ${latin}`], dateOfBirth: '1979-04-12', role: 'FACILITATOR' },
      { type: 'PHONE', number: phone },
    ]);
    second = await fileWith('fp-hun', { targetParties: ['AUT'] }, [
      { type: 'PERSON', names: [`Горан ${cyrillic}`], dateOfBirth: '1979-04-12', role: 'SUSPECT' },
    ]);
    third = await fileWith('fp-mkd', { targetParties: ['TUR'] }, [
      { type: 'PHONE', number: phone },
    ]);
    personLink = await linkBetween(first, second);
    phoneLink = await linkBetween(first, third);
  });

  it('lists every link for the secretariat alone, with both references and the types', async () => {
    expect(personLink).toMatchObject({
      status: 'FOUND',
      entityTypes: ['PERSON'],
      requests: expect.arrayContaining([
        { id: first.id, reference: first.reference, consent: null },
        { id: second.id, reference: second.reference, consent: null },
      ]),
    });
    expect(phoneLink).toMatchObject({ status: 'FOUND', entityTypes: ['PHONE'] });
    expect((await as('fp-pak', 'GET', '/possible-links')).status).toBe(403);

    // The requester sees its links without the other request; recipients and others nothing.
    const mine = await linksOf('fp-pak', first);
    expect(mine.body.items.map((l) => [l.id, l.status, l.yourConsent, l.linkedRequest])).toEqual(
      expect.arrayContaining([
        [personLink.id, 'FOUND', null, null],
        [phoneLink.id, 'FOUND', null, null],
      ]),
    );
    for (const hidden of [second.id, second.reference, third.id, third.reference])
      expect(JSON.stringify(mine.body)).not.toContain(hidden);
    expect((await linksOf('fp-srb', first)).body.items).toEqual([]);
    expect((await linksOf('fp-mkd', first)).status).toBe(404);
  });

  it('takes no answer before the secretariat asks, and asks once', async () => {
    expect((await answer('fp-pak', first, personLink.id, 'consent')).body.code).toBe(
      'LINK.NOT_ASKED',
    );
    expect((await as('fp-pak', 'POST', `/possible-links/${personLink.id}/ask`)).status).toBe(403);
    const asked = await as<OverseenLink>(
      'secretariat',
      'POST',
      `/possible-links/${personLink.id}/ask`,
    );
    expect(asked.status).toBe(200);
    expect(asked.body.status).toBe('ASKED');
    const again = await as<{ code: string }>(
      'secretariat',
      'POST',
      `/possible-links/${personLink.id}/ask`,
    );
    expect({ status: again.status, code: again.body.code }).toEqual({
      status: 409,
      code: 'LINK.ALREADY_ASKED',
    });
    for (const [user, rfi] of [
      ['fp-pak', first],
      ['fp-hun', second],
    ] as const) {
      const told = await eventually(`${user} asked`, async () => {
        const asks = (await inbox(user, '?kind=RFI_LINK_CONSENT_ASKED')).filter(
          (n) => n.details.linkId === personLink.id,
        );
        return asks.length ? asks : undefined;
      });
      expect(told.map((n) => [n.subject.id, n.details])).toEqual([
        [rfi.id, { linkId: personLink.id, entityTypes: ['PERSON'] }],
      ]);
      // Whether or not the pass had noted the link on this side yet: found, then asked.
      const actions = (await historyOf(user, rfi.id)).map((l) => l.action);
      expect(actions.indexOf('POSSIBLE_LINK_FOUND')).toBeGreaterThanOrEqual(0);
      expect(actions.indexOf('POSSIBLE_LINK_FOUND')).toBeLessThan(
        actions.indexOf('LINK_CONSENT_ASKED'),
      );
    }
  });

  it('opens the link when both agree: only then does each requester learn the other request', async () => {
    // Only the requester of a side answers for it; to any other focal point the link does not
    // exist, and the secretariat does not answer for a party.
    for (const [user, rfi] of [
      ['fp-srb', first],
      ['fp-hun', first],
    ] as const)
      expect((await answer(user, rfi, personLink.id, 'consent')).body.code).toBe('LINK.NOT_FOUND');
    expect((await answer('secretariat', first, personLink.id, 'consent')).status).toBe(403);
    expect((await answer('fp-pak', first, phoneLink.id, 'consent')).body.code).toBe(
      'LINK.NOT_ASKED',
    );

    const hun = await answer('fp-hun', second, personLink.id, 'consent');
    expect(hun.status).toBe(200);
    expect(hun.body).toMatchObject({ status: 'ASKED', yourConsent: true, linkedRequest: null });
    // The other side's answer stays its own until the link is decided.
    const pakBefore = (await linksOf('fp-pak', first)).body.items.find(
      (l) => l.id === personLink.id,
    )!;
    expect(pakBefore).toMatchObject({ status: 'ASKED', yourConsent: null, linkedRequest: null });
    expect((await historyOf('fp-pak', first.id)).map((l) => l.action)).not.toContain(
      'LINK_CONSENT_GIVEN',
    );
    expect((await answer('fp-hun', second, personLink.id, 'consent')).body.code).toBe(
      'LINK.ALREADY_ANSWERED',
    );

    const pak = await answer('fp-pak', first, personLink.id, 'consent');
    expect(pak.body).toMatchObject({
      status: 'LINKED',
      linkedRequest: { id: second.id, reference: second.reference },
    });
    const hunAfter = (await linksOf('fp-hun', second)).body.items.find(
      (l) => l.id === personLink.id,
    )!;
    expect(hunAfter.linkedRequest).toEqual({ id: first.id, reference: first.reference });

    for (const [user, rfi, other] of [
      ['fp-pak', first, second],
      ['fp-hun', second, first],
    ] as const) {
      await eventually(`${user} told of the link`, async () =>
        (await inbox(user, '?kind=RFI_LINKED')).some(
          (n) => n.subject.id === rfi.id && n.details.linkedReference === other.reference,
        ),
      );
      const lines = (await historyOf(user, rfi.id)).filter((l) => l.action.startsWith('LINK_'));
      expect(lines.map((l) => l.action)).toEqual([
        'LINK_CONSENT_ASKED',
        'LINK_CONSENT_GIVEN',
        'LINK_CONSENT_GIVEN',
        'LINK_OPENED',
      ]);
      expect(lines.at(-1)!.details.linkedReference).toBe(other.reference);
      for (const line of lines.slice(0, -1))
        expect(line.details).not.toHaveProperty('linkedReference');
    }
    // Recipients still see nothing of it.
    expect(JSON.stringify(await historyOf('fp-srb', first.id))).not.toContain('LINK_');
    expect((await linksOf('fp-srb', first)).body.items).toEqual([]);
  });

  it('closes it for good when one refuses: the other requester learns only that, the secretariat which side', async () => {
    expect((await as('secretariat', 'POST', `/possible-links/${phoneLink.id}/ask`)).status).toBe(
      200,
    );
    const refused = await answer('fp-mkd', third, phoneLink.id, 'refuse');
    expect(refused.body).toMatchObject({
      status: 'REFUSED',
      yourConsent: false,
      linkedRequest: null,
    });
    expect((await answer('fp-pak', first, phoneLink.id, 'consent')).body.code).toBe(
      'LINK.NOT_ASKED',
    );

    const toPak = await eventually('PAK told of the refusal', async () => {
      const told = (await inbox('fp-pak', '?kind=RFI_LINK_REFUSED')).filter(
        (n) => n.details.linkId === phoneLink.id,
      );
      return told.length ? told : undefined;
    });
    expect(toPak.map((n) => [n.subject.id, n.details])).toEqual([
      [first.id, { linkId: phoneLink.id }],
    ]);
    await eventually('the secretariat told which side refused', async () =>
      (await inbox('secretariat', '?kind=RFI_LINK_REFUSED')).some(
        (n) => n.subject.id === third.id && n.details.linkedReference === first.reference,
      ),
    );
    const pakLink = (await linksOf('fp-pak', first)).body.items.find((l) => l.id === phoneLink.id)!;
    expect(pakLink).toMatchObject({ status: 'REFUSED', linkedRequest: null });
    expect(JSON.stringify(await inbox('fp-pak'))).not.toContain(third.reference);
    expect(JSON.stringify(await historyOf('fp-pak', first.id))).not.toContain(third.reference);
  });
});

describe('information already held: completed knowledge exchanges beside similar requests', () => {
  appsForFile('rfi-service', 'knowledge-exchange-service');

  it('offers a completed exchange on the same topic to whoever reads a request, and an open one not yet', async () => {
    const word = `Kelmendi${randomInt(100_000, 999_999)}`;
    const exchange = async (complete: boolean) => {
      const posted = await as<{ id: string; offers: { id: string }[] }>(
        'fp-alb',
        'POST',
        '/knowledge-exchanges',
        {
          json: {
            kind: 'NEED',
            type: 'CASE_STUDY',
            topics: ['DOCUMENT_FRAUD'],
            title: `Case study ${word} forged visas`,
            description: 'How a network forged Schengen visas, and how it was found out.',
            format: 'ONLINE',
            preferredFrom: '2026-09-01',
            preferredTo: '2026-10-31',
          },
        },
      );
      expect(posted.status).toBe(201);
      if (!complete) return posted.body.id;
      const offered = await as<{ offers: { id: string }[] }>(
        'fp-aut',
        'POST',
        `/knowledge-exchanges/${posted.body.id}/offers`,
        { json: { description: 'We present it' } },
      );
      await as('fp-alb', 'POST', `/knowledge-exchanges/${posted.body.id}/match`, {
        json: { offerId: offered.body.offers[0]!.id },
      });
      await as('fp-alb', 'POST', `/knowledge-exchanges/${posted.body.id}/schedule`, {
        json: { startsOn: '2026-11-02', endsOn: '2026-11-02', online: true },
      });
      const completed = await as(
        'fp-alb',
        'POST',
        `/knowledge-exchanges/${posted.body.id}/complete`,
        {
          json: { outcomeSummary: 'Done', lessonsLearned: [], evaluation: { rating: 4 } },
        },
      );
      expect(completed.status).toBe(200);
      return posted.body.id;
    };
    const [done, open] = [await exchange(true), await exchange(false)];
    const rfi = await fileRfi('fp-pak', {
      topics: ['DOCUMENT_FRAUD'],
      title: `Visas forged by the ${word} network`,
    });
    interface Held {
      id: string;
      title: string;
      sharedTopics: string[];
      rating: number | null;
    }
    for (const reader of ['fp-pak', 'fp-srb', 'secretariat']) {
      const held = await eventually(`the exchange beside the request for ${reader}`, async () => {
        const answer = await as<{ knowledgeExchanges: Held[] }>(
          reader,
          'GET',
          `/rfis/${rfi.id}/similar`,
        );
        const found = answer.body.knowledgeExchanges.filter((x) => [done, open].includes(x.id));
        return found.length ? found : undefined;
      });
      expect(held).toEqual([
        expect.objectContaining({
          id: done,
          title: `Case study ${word} forged visas`,
          sharedTopics: ['DOCUMENT_FRAUD'],
          rating: 4,
        }),
      ]);
    }
  });
});
