import {
  Actor,
  DomainError,
  PRIORITIES,
  RELEASABILITY,
  RFI_STATUSES,
  RfiStatus,
} from '@bp/domain-kernel';
import { DEFAULT_RESPONSE_TIMES } from '../src/domain/due-time';
import {
  InformationRequest,
  OfficerOnPost,
  Recipient,
  RfiEnvironment,
} from '../src/domain/information-request';
import { RfiChange } from '../src/domain/rfi-change';
import { possibleLinkChange } from '../src/domain/entities/possible-links';
import { RfiMessage } from '../src/domain/rfi-message';
import { MessageInput } from '../src/domain/thread-rules';
import { RfiActor } from '../src/domain/need-to-know';
import { SeededRandom } from '../../../test/support/seeded-random';
import { PARTIES, Posting, castOf } from './generated-cast';

/**
 * RFIs made by a seeded generator, with the callers and postings of generated-cast.ts, for tests
 * that compare two statements of need to know over many cases. Every RFI is built through
 * InformationRequest's own methods, so it is one the service could hold: a refused random step is
 * simply skipped.
 */

/** What happened to one RFI, in order: the changes each command recorded, and reads of its body. */
export type HistoryStep = { changes: RfiChange[] } | { read: Actor; at: Date };

export interface GeneratedRfi {
  rfi: InformationRequest;
  steps: HistoryStep[];
  messages: RfiMessage[];
}

export interface World {
  actors: Actor[];
  postings: Posting[];
  rfis: GeneratedRfi[];
  /** After every generated change: some assignments are overdue by then, some not. */
  now: Date;
}

const T0 = Date.parse('2026-01-05T08:00:00Z');
const HOUR = 3_600_000;

export function generateWorld(seed: number, count: number): World {
  return new WorldGenerator(new SeededRandom(seed)).world(count);
}

/** Holds the generator first: the fields of WorldGenerator are made with it. */
abstract class Seeded {
  constructor(protected readonly random: SeededRandom) {}
}

class WorldGenerator extends Seeded {
  private readonly cast = castOf(this.random);
  private readonly focalPoints = this.cast.focalPoints;
  private readonly secretariats = this.cast.secretariats;
  private readonly officers = this.cast.officers;
  private readonly postings = this.cast.postings;
  private readonly actors = this.cast.actors;
  /** Postings an RFI can be routed to: the active ones, and the ended ones while they lasted. */
  private readonly routable = this.postings.filter((p) => ['ACTIVE', 'ENDED'].includes(p.status));
  private readonly newId = () => this.random.uuid();
  private clock = T0;

  world(count: number): World {
    const rfis = Array.from({ length: count }, (_, i) => this.rfi(i));
    const { actors, postings } = this;
    return { actors, postings, rfis, now: new Date(T0 + count * 4 * HOUR) };
  }

  private rfi(index: number): GeneratedRfi {
    const random = this.random;
    const target: RfiStatus = random.pick(RFI_STATUSES);
    const requester = random.pick(PARTIES);
    const others = PARTIES.filter((party) => party !== requester);
    // Only a multilateral request waits for the secretariat: a bilateral one is routed at once.
    const waits = target === 'SUBMITTED' || target === 'REJECTED';
    const channel = waits || random.chance(0.5) ? 'MULTILATERAL' : 'BILATERAL';
    this.clock = T0 + index * 4 * HOUR;
    const rfi = InformationRequest.draft({
      id: random.uuid(),
      reference: `RFI-2026-${String(index + 1).padStart(6, '0')}`,
      requester: this.focalPoints.get(requester)!,
      input: {
        title: `${random.pick(TITLE_WORDS)} ${random.pick(TITLE_WORDS)} on the route`,
        question: 'Do you hold information on the facilitators named in the annex?',
        topics: random.some(TOPICS, random.int(1, 2)),
        priority: random.pick(PRIORITIES),
        channel,
        targetParties: channel === 'BILATERAL' ? [random.pick(others)] : random.some(others, 2),
        handlingCode: 'H2',
        handlingNote: null,
        secretariatAccess: random.chance(0.5) ? 'FULL' : 'METADATA_ONLY',
        language: 'en',
      },
      now: this.tick(),
    });
    const generated: GeneratedRfi = { rfi, steps: [{ changes: rfi.pullChanges() }], messages: [] };
    this.live(generated, target);
    return generated;
  }

  /** Drives a draft towards the status it is to end in, as its parties and the secretariat would. */
  private live(generated: GeneratedRfi, target: RfiStatus): void {
    const { rfi } = generated;
    const random = this.random;
    const author = this.focalPoints.get(rfi.requesterParty)!;
    const step = (change: (env: RfiEnvironment) => unknown) => this.step(generated, change);
    const withdrawnFrom = random.pick(
      rfi.channel === 'MULTILATERAL' ? ['DRAFT', 'SUBMITTED', 'ROUTED'] : ['DRAFT', 'ROUTED'],
    );
    const stopsAt = (stage: RfiStatus) =>
      target === stage || (target === 'WITHDRAWN' && withdrawnFrom === stage);
    const end = () => {
      if (target === 'WITHDRAWN') step((env) => rfi.withdraw(author, null, env.now));
      this.reads(generated);
    };
    this.reads(generated);
    if (stopsAt('DRAFT')) return end();
    step((env) =>
      rfi.submit(author, env, this.postedOfficers(author.party!, rfi.targetParties[0])),
    );
    if (target === 'REJECTED')
      return step((env) => rfi.reject(this.secretariat(), 'Outside the Process', env.now));
    if (stopsAt('SUBMITTED')) return end();
    while (!rfi.assignments.length) this.route(generated, random.int(1, 3));
    for (let i = random.int(0, 8); i > 0; i--) this.act(generated);
    if (random.chance(0.5)) this.handOver(generated);
    if (target === 'CLOSED')
      step((env) => rfi.close(random.chance(0.5) ? author : this.secretariat(), null, env.now));
    this.handOver(generated);
    end();
  }

  /** Applies one command if the domain allows it, keeping what it recorded as one step. */
  private step(generated: GeneratedRfi, change: (env: RfiEnvironment) => unknown): void {
    const env = { now: this.tick(), newId: this.newId, responseTimes: DEFAULT_RESPONSE_TIMES };
    try {
      const result = change(env);
      if (result instanceof RfiMessage) generated.messages.push(result);
    } catch (error) {
      if (error instanceof DomainError) return;
      throw error;
    }
    const changes = generated.rfi.pullChanges();
    if (changes.length) generated.steps.push({ changes });
  }

  /** One thing a party, an officer or the secretariat does on a routed request. */
  private act(generated: GeneratedRfi): void {
    const { rfi } = generated;
    const random = this.random;
    const assignment = random.pick(rfi.assignments);
    // An officer acts on the posting the assignment was made under, while it lasted.
    const owner: RfiActor = assignment.officerId
      ? {
          ...this.officers.find((o) => o.officerId === assignment.officerId)!,
          postingId: assignment.postingId,
        }
      : this.focalPoints.get(assignment.recipientParty)!;
    const post = (actor: RfiActor, input: Omit<MessageInput, 'body' | 'handlingCode'>) =>
      this.step(generated, (env) =>
        rfi.post(actor, { body: 'See the annex.', handlingCode: 'H2', ...input }, env),
      );
    switch (random.int(0, 9)) {
      case 0:
        return this.step(generated, (env) => rfi.acknowledge(owner, assignment.id, env.now));
      case 1:
        return post(owner, {
          kind: 'RESPONSE',
          assignmentId: assignment.id,
          releasability: random.pick(RELEASABILITY),
        });
      case 2:
        return this.step(generated, (env) =>
          rfi.decline(owner, assignment.id, 'Not ours to answer', env.now),
        );
      case 3:
        return post(owner, { kind: 'CLARIFICATION_REQUEST', assignmentId: assignment.id });
      case 4: {
        const requester = this.focalPoints.get(rfi.requesterParty)!;
        return post(requester, {
          kind: 'CLARIFICATION',
          assignmentId: random.chance(0.5) ? assignment.id : null,
        });
      }
      case 5:
        return post(this.secretariat(), { kind: 'NOTE' });
      case 6:
        return this.route(generated, random.int(1, 2));
      case 7:
        // The scan: reminders of assignments due soon, then the overdue ladder.
        return this.step(generated, (env) => {
          rfi.remindDueSoon(env.now, 0.75);
          rfi.escalateOverdue(env.now, () => 6 * HOUR);
        });
      case 8:
        // A possible link to another request: the requester's and the secretariat's lines only.
        return this.step(generated, (env) =>
          rfi.noteLink(
            possibleLinkChange(
              { id: this.newId(), entityTypes: ['PERSON'] },
              { id: this.newId(), reference: 'RFI-2026-LINKED00' },
              env.now,
              random.chance(0.5),
            ),
          ),
        );
      default:
        return this.reads(generated);
    }
  }

  /** The secretariat routes, or forwards, to parties and to officers on post. */
  private route(generated: GeneratedRfi, count: number): void {
    const { rfi } = generated;
    const candidates: Recipient[] = [
      ...PARTIES.filter((p) => p !== rfi.requesterParty).map((party) => ({
        party,
        officerId: null,
      })),
      ...this.routable.map((p) => ({
        party: p.hostParty,
        officerId: p.officerId,
        postingId: p.deploymentId,
      })),
    ];
    const note = this.random.chance(0.5) ? 'Their desk covers this route' : null;
    this.step(generated, (env) =>
      rfi.route(this.secretariat(), this.random.some(candidates, count), note, env),
    );
  }

  /** A posting ended after the request reached the officer there: their open work passes on. */
  private handOver(generated: GeneratedRfi): void {
    const ended = this.postings.filter((p) => p.status === 'ENDED');
    for (const a of generated.rfi.assignments)
      if (ended.some((p) => p.deploymentId === a.postingId))
        this.step(generated, (env) =>
          generated.rfi.handOverFromOfficer(a.officerId!, a.postingId!, env.now),
        );
  }

  /** The requester's officers on post in a bilateral request's target, when it was filed. */
  private postedOfficers(requester: string, target: string | undefined): OfficerOnPost[] {
    return this.routable
      .filter((p) => p.sendingParty === requester && p.hostParty === target)
      .filter((p) => p.status === 'ACTIVE' || this.random.chance(0.5))
      .map((p) => ({ officerId: p.officerId, postingId: p.deploymentId }));
  }

  /** Reads are history too, by anyone; they must never move anyone's version. */
  private reads(generated: GeneratedRfi): void {
    for (let i = this.random.int(0, 2); i > 0; i--)
      generated.steps.push({ read: this.random.pick(this.actors), at: this.tick() });
  }

  private secretariat(): Actor {
    return this.random.pick(this.secretariats);
  }

  /**
   * Mostly forward by minutes to days; now and then a few milliseconds back or not at all, as the
   * clocks of two replicas may disagree and one command's changes share one time.
   */
  private tick(): Date {
    const roll = this.random.next();
    if (roll < 0.05) this.clock -= this.random.int(1, 5_000);
    else if (roll > 0.1) this.clock += this.random.int(60_000, 36 * HOUR);
    return new Date(this.clock);
  }
}

const TITLE_WORDS = ['smuggling', 'forged', 'visas', 'network', 'returns', 'boats', 'payments'];
const TOPICS = ['SMUGGLING_OF_MIGRANTS', 'DOCUMENT_FRAUD', 'RETURN_READMISSION', 'ASYLUM'];
