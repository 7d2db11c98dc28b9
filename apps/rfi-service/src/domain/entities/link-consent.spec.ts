import {
  PossibleLink,
  answerConsent,
  askConsent,
  linesOfAnswer,
  otherRfiOf,
  sideOf,
} from './link-consent';

const T0 = new Date('2026-11-30T08:00:00Z');
const T1 = new Date('2026-11-30T09:00:00Z');
const found: PossibleLink = {
  id: 'link-1',
  firstRfiId: 'rfi-a',
  secondRfiId: 'rfi-b',
  foundByRfiId: 'rfi-b',
  otherNoted: true,
  entityTypes: ['PERSON'],
  status: 'FOUND',
  foundAt: T0,
  askedAt: null,
  firstConsent: null,
  secondConsent: null,
  decidedAt: null,
};

describe('consent to a possible link', () => {
  it('is asked once, by the secretariat', () => {
    const asked = askConsent(found, T1);
    expect(asked).toMatchObject({ status: 'ASKED', askedAt: T1 });
    expect(() => askConsent(asked, T1)).toThrow(
      expect.objectContaining({ code: 'LINK.ALREADY_ASKED' }),
    );
  });

  it('opens the link when both sides agree, in either order', () => {
    const asked = askConsent(found, T0);
    const one = answerConsent(asked, 'second', true, T1);
    expect(one.outcome).toBe('WAITING');
    expect(one.link).toMatchObject({ status: 'ASKED', secondConsent: true, firstConsent: null });
    const both = answerConsent(one.link, 'first', true, T1);
    expect(both.outcome).toBe('LINKED');
    expect(both.link).toMatchObject({ status: 'LINKED', decidedAt: T1 });
  });

  it('closes it for good when either refuses, and takes one answer per side', () => {
    const asked = askConsent(found, T0);
    const agreed = answerConsent(asked, 'first', true, T1).link;
    expect(() => answerConsent(agreed, 'first', false, T1)).toThrow(
      expect.objectContaining({ code: 'LINK.ALREADY_ANSWERED' }),
    );
    const refused = answerConsent(agreed, 'second', false, T1);
    expect(refused).toMatchObject({
      outcome: 'REFUSED',
      link: { status: 'REFUSED', decidedAt: T1 },
    });
    expect(() => answerConsent(refused.link, 'first', true, T1)).toThrow(
      expect.objectContaining({ code: 'LINK.NOT_ASKED' }),
    );
  });

  it('takes no answer before the secretariat asked', () => {
    expect(() => answerConsent(found, 'first', true, T1)).toThrow(
      expect.objectContaining({ code: 'LINK.NOT_ASKED' }),
    );
  });

  it('knows which side a request is, and the other', () => {
    expect(sideOf(found, 'rfi-b')).toBe('second');
    expect(sideOf(found, 'rfi-c')).toBeNull();
    expect(otherRfiOf(found, 'second')).toBe('rfi-a');
  });
});

describe('the lines an answer writes', () => {
  const asked = askConsent(found, T0);

  it('keeps a first answer in its own history until the link is decided', () => {
    expect(linesOfAnswer(asked, 'first', true, 'WAITING')).toEqual([
      { history: 'own', step: 'LINK_CONSENT_GIVEN', named: true },
    ]);
  });

  it('once both agree, gives each side the other answer, unnamed, and the opening', () => {
    const waiting = answerConsent(asked, 'first', true, T1).link;
    expect(linesOfAnswer(waiting, 'second', true, 'LINKED')).toEqual([
      { history: 'own', step: 'LINK_CONSENT_GIVEN', named: true },
      { history: 'own', step: 'LINK_CONSENT_GIVEN', named: false },
      { history: 'other', step: 'LINK_CONSENT_GIVEN', named: false },
      { history: 'own', step: 'LINK_OPENED', named: false },
      { history: 'other', step: 'LINK_OPENED', named: false },
    ]);
  });

  it('tells the other side of a refusal at once, and the refusing side what the other had said', () => {
    expect(linesOfAnswer(asked, 'second', false, 'REFUSED')).toEqual([
      { history: 'own', step: 'LINK_CONSENT_REFUSED', named: true },
      { history: 'other', step: 'LINK_CONSENT_REFUSED', named: false },
    ]);
    const waiting = answerConsent(asked, 'first', true, T1).link;
    expect(linesOfAnswer(waiting, 'second', false, 'REFUSED')).toEqual([
      { history: 'own', step: 'LINK_CONSENT_REFUSED', named: true },
      { history: 'own', step: 'LINK_CONSENT_GIVEN', named: false },
      { history: 'other', step: 'LINK_CONSENT_REFUSED', named: false },
    ]);
  });
});
