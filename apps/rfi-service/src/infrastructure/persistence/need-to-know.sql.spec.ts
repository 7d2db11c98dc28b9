import { Actor } from '@bp/contracts';
import { actor } from '../../../../../test/support/domain-fixtures';
import { ownAssignment, requestedBy, visibility, visibleUpdatedAt } from './need-to-know.sql';
import { SqlFragment } from './sql-fragment';

const callers: Actor[] = [
  actor('fp-pak', 'focal_point', 'PAK'),
  actor('secretariat', 'secretariat', null),
  actor('secretariat-icmpd', 'secretariat', 'ICMPD'),
  actor('admin', 'admin', null),
  actor('lo-pak', 'liaison_officer', 'PAK', 'officer-1'),
  actor('lo-unlinked', 'liaison_officer', 'PAK', null),
];

const fragmentsOf = (caller: Actor): [string, SqlFragment][] => [
  ['requestedBy', requestedBy(caller)],
  ['ownAssignment', ownAssignment(caller, 'a')],
  ['visibility.rfi', visibility(caller).rfi],
  ['visibility.visibleAssignment', visibility(caller).visibleAssignment],
  ['visibleUpdatedAt', visibleUpdatedAt(caller)],
];

describe('need to know in SQL', () => {
  it.each(callers.map((c) => [c.username, c] as const))(
    'binds one value to every placeholder for %s',
    (_, caller) => {
      for (const [name, fragment] of fragmentsOf(caller))
        expect([name, fragment.text.split('?').length - 1]).toEqual([name, fragment.params.length]);
    },
  );

  // The sent and received boxes: only a focal point files a request, and the secretariat answers
  // for no party, even when its account carries one (InformationRequest.isRequester, assignmentsOf).
  it('files nothing as sent by anyone but a focal point', () => {
    expect(callers.filter((c) => requestedBy(c).text !== 'false').map((c) => c.username)).toEqual([
      'fp-pak',
    ]);
  });

  it('gives the secretariat and the admin no assignments of their own, whatever their party', () => {
    expect(
      callers.filter((c) => ownAssignment(c, 'a').text === 'false').map((c) => c.username),
    ).toEqual(['secretariat', 'secretariat-icmpd', 'admin']);
  });
});
