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
import { Officer } from '../domain/officer';
import { OfficerErrors } from '../domain/deployment-errors';
import { relationToOfficer } from '../domain/need-to-know';
import { DeploymentQuery } from '../infrastructure/persistence/deployment.query';
import { OfficerQuery } from '../infrastructure/persistence/officer.query';
import { OfficerRepository } from '../infrastructure/persistence/officer.repository';
import { officerView } from './deployment-views';
import { checkCodes } from './reference-codes';

/**
 * Officers. Everyone signed in (account managers included, to link an officer's account) may find
 * an officer by name, agency and party; the contact details are for those with a relation.
 */
@Injectable()
export class Officers {
  constructor(
    private readonly officers: OfficerRepository,
    private readonly officerQuery: OfficerQuery,
    private readonly deploymentQuery: DeploymentQuery,
  ) {}

  @HandlesCommand(DeploymentCommands.registerOfficer)
  async register(input: RegisterOfficerBody, { actor, em }: CommandContext) {
    const by = requireRole(actor, ...DeploymentAccess.registerOfficer);
    checkCodes({ sendingParty: [input.sendingParty] }, { expertise: input.expertise });
    const officer = Officer.register({ ...input, id: randomUUID(), by, now: new Date() });
    await this.officers.save(em, officer);
    return officerView(officer, relationToOfficer(by, officer, []));
  }

  @HandlesCommand(DeploymentCommands.getOfficer)
  async get({ officerId }: OfficerRef, { actor, em }: CommandContext) {
    const caller = requireRole(actor, ...DeploymentAccess.readOfficers);
    const officer = await this.officers.find(em, officerId);
    if (!officer) throw new NotFoundError(OfficerErrors.NOT_FOUND, `No officer ${officerId}`);
    const postings = await this.postingsIntoCallerParty(em, caller, [officer.id]);
    return officerView(officer, relationToOfficer(caller, officer, postings));
  }

  @HandlesCommand(DeploymentCommands.listOfficers)
  async list(query: OfficerListQuery, { actor, em }: CommandContext) {
    const caller = requireRole(actor, ...DeploymentAccess.readOfficers);
    const page = await this.officerQuery.list(em, query);
    const postings = await this.postingsIntoCallerParty(
      em,
      caller,
      page.items.map((o) => o.id),
    );
    return {
      items: page.items.map((o) =>
        officerView(
          o,
          relationToOfficer(
            caller,
            o,
            postings.filter((p) => p.officerId === o.id),
          ),
        ),
      ),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * The postings of these officers into the caller's party, whatever their status: the domain rule
   * decides which of them make the caller's party a host that keeps the contact details.
   */
  private async postingsIntoCallerParty(em: EntityManager, caller: Actor, officerIds: string[]) {
    if (caller.role !== 'focal_point' || !caller.party || !officerIds.length) return [];
    return this.deploymentQuery.intoParty(em, caller.party, officerIds);
  }
}
