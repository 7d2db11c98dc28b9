import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import {
  Actor,
  DeploymentAccess,
  DeploymentCommands,
  OfficerRef,
  NotFoundError,
  OfficerListQuery,
  RegisterOfficerBody,
} from '@bp/contracts';
import { requireRole } from '@bp/auth';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { decodeCursor, pageOf } from '@bp/persistence';
import { Officer } from '../domain/officer';
import { OfficerErrors } from '../domain/deployment-errors';
import { relationToOfficer } from '../domain/need-to-know';
import { DeploymentSchema, OfficerSchema } from '../infrastructure/persistence/deployment.schemas';
import { officerView } from './deployment-views';
import { checkCodes, keysetAfter } from './query-helpers';

/**
 * Officers. Everyone signed in (account managers included, to link an officer's account) may find
 * an officer by name, agency and party; the contact details are for those with a relation.
 */
@Injectable()
export class Officers {
  @HandlesCommand(DeploymentCommands.registerOfficer)
  async register(input: RegisterOfficerBody, { actor, em }: CommandContext) {
    const by = requireRole(actor, ...DeploymentAccess.registerOfficer);
    checkCodes({ sendingParty: [input.sendingParty] }, { expertise: input.expertise });
    const officer = Officer.register({ ...input, id: randomUUID(), by, now: new Date() });
    em.persist(officer);
    return officerView(officer, relationToOfficer(by, officer, []));
  }

  @HandlesCommand(DeploymentCommands.getOfficer)
  async get({ officerId }: OfficerRef, { actor, em }: CommandContext) {
    const caller = requireRole(actor, ...DeploymentAccess.readOfficers);
    const officer = await em.findOne(OfficerSchema, { id: officerId });
    if (!officer) throw new NotFoundError(OfficerErrors.NOT_FOUND, `No officer ${officerId}`);
    const postings = await postingsIntoCallerParty(em, caller, [officer.id]);
    return officerView(officer, relationToOfficer(caller, officer, postings));
  }

  @HandlesCommand(DeploymentCommands.listOfficers)
  async list(query: OfficerListQuery, { actor, em }: CommandContext) {
    const caller = requireRole(actor, ...DeploymentAccess.readOfficers);
    const limit = query.limit ?? 20;
    const where: Record<string, unknown>[] = [];
    if (query.sendingParty) where.push({ sendingParty: query.sendingParty });
    if (query.cursor) where.push(keysetAfter('createdAt', ...decodeCursor(query.cursor)));
    const rows = await em.find(
      OfficerSchema,
      { $and: where },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 },
    );
    const postings = await postingsIntoCallerParty(
      em,
      caller,
      rows.map((o) => o.id),
    );
    return pageOf(
      rows,
      limit,
      (o) => [o.createdAt, o.id],
      (o) =>
        officerView(
          o,
          relationToOfficer(
            caller,
            o,
            postings.filter((p) => p.officerId === o.id),
          ),
        ),
    );
  }
}

/**
 * The postings of these officers into the caller's party, whatever their status: the domain rule
 * decides which of them make the caller's party a host that keeps the contact details.
 */
async function postingsIntoCallerParty(em: EntityManager, caller: Actor, officerIds: string[]) {
  if (caller.role !== 'focal_point' || !caller.party || !officerIds.length) return [];
  return em.find(DeploymentSchema, { officerId: { $in: officerIds }, hostParty: caller.party });
}
