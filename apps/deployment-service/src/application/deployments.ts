import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  Actor,
  CoverageQuery,
  DeploymentAccess,
  DeploymentCommands,
  DeploymentRef,
  DeploymentListQuery,
  DeploymentOptionalReasonCommand,
  DeploymentReasonCommand,
  ExtensionCommand,
  ExtensionRef,
  NotFoundError,
  ProposeDeploymentBody,
  Role,
  ValidationFailedError,
} from '@bp/contracts';
import { requireRole } from '@bp/auth';
import { CommandContext, HandlesCommand, Versioned, versioned } from '@bp/messaging';
import { findRoute } from '@bp/reference';
import { Deployment } from '../domain/deployment';
import { DeploymentErrors, RouteErrors } from '../domain/deployment-errors';
import { relationToPosting } from '../domain/need-to-know';
import { DeploymentQuery } from '../infrastructure/persistence/deployment.query';
import { DeploymentRepository } from '../infrastructure/persistence/deployment.repository';
import { OfficerQuery } from '../infrastructure/persistence/officer.query';
import { OfficerRepository } from '../infrastructure/persistence/officer.repository';
import { DeploymentUnitOfWork } from '../infrastructure/persistence/deployment.unit-of-work';
import { deploymentView } from './deployment-views';
import { PostingRule, absentPosting, postingChange, seenBy } from './posting-change';
import { checkCodes } from './reference-codes';

/**
 * Postings and the coverage of migration routes. Every answer is the posting as the caller may
 * see it (domain/need-to-know.ts): a posting the caller may not see is absent (404), and its ETag
 * is the version the caller can see.
 */
@Injectable()
export class Deployments {
  constructor(
    private readonly unitOfWork: DeploymentUnitOfWork,
    private readonly deployments: DeploymentRepository,
    private readonly officers: OfficerRepository,
    private readonly deploymentQuery: DeploymentQuery,
    private readonly officerQuery: OfficerQuery,
  ) {}

  @HandlesCommand(DeploymentCommands.propose)
  async propose(input: ProposeDeploymentBody, { actor, em }: CommandContext) {
    const by = requireRole(actor, ...DeploymentAccess.propose);
    checkCodes({ hostParty: [input.hostParty] }, { mandateTopics: input.mandateTopics });
    const officer = await this.officers.lock(em, input.officerId);
    if (!officer)
      throw new ValidationFailedError(DeploymentErrors.OFFICER_UNKNOWN, 'Unknown officer', [
        { field: 'officerId', message: 'no such officer' },
      ]);
    const deployment = Deployment.propose({
      ...input,
      id: randomUUID(),
      officer,
      by,
      now: new Date(),
      otherPostingsOfOfficer: await this.deployments.ofOfficer(em, officer.id),
    });
    await this.unitOfWork.commit(em, deployment, by);
    return answer(deployment, by);
  }

  @HandlesCommand(DeploymentCommands.approve)
  approve({ deploymentId }: DeploymentRef, context: CommandContext) {
    return this.changeSeen(deploymentId, DeploymentAccess.decide, context, (d, actor, now) =>
      d.approve(actor, now),
    );
  }

  @HandlesCommand(DeploymentCommands.refuse)
  refuse(input: DeploymentReasonCommand, context: CommandContext) {
    return this.changeSeen(input.deploymentId, DeploymentAccess.decide, context, (d, actor, now) =>
      d.refuse(actor, input.reason, now),
    );
  }

  @HandlesCommand(DeploymentCommands.cancel)
  cancel(input: DeploymentOptionalReasonCommand, context: CommandContext) {
    return this.changeSeen(input.deploymentId, DeploymentAccess.manage, context, (d, actor, now) =>
      d.cancel(actor, input.reason ?? null, now),
    );
  }

  @HandlesCommand(DeploymentCommands.recall)
  recall(input: DeploymentReasonCommand, context: CommandContext) {
    return this.changeSeen(input.deploymentId, DeploymentAccess.manage, context, (d, actor, now) =>
      d.recall(actor, input.reason, now),
    );
  }

  @HandlesCommand(DeploymentCommands.requestExtension)
  requestExtension(input: ExtensionCommand, context: CommandContext) {
    return this.changeSeen(
      input.deploymentId,
      DeploymentAccess.manage,
      context,
      async (d, actor, now) => {
        const others = await this.deployments.ofOfficer(context.em, d.officerId);
        d.requestExtension(actor, randomUUID(), input.endDate, others, now);
      },
    );
  }

  @HandlesCommand(DeploymentCommands.approveExtension)
  approveExtension(input: ExtensionRef, context: CommandContext) {
    return this.changeSeen(input.deploymentId, DeploymentAccess.decide, context, (d, actor, now) =>
      d.decideExtension(actor, input.extensionId, true, now),
    );
  }

  @HandlesCommand(DeploymentCommands.refuseExtension)
  refuseExtension(input: ExtensionRef, context: CommandContext) {
    return this.changeSeen(input.deploymentId, DeploymentAccess.decide, context, (d, actor, now) =>
      d.decideExtension(actor, input.extensionId, false, now),
    );
  }

  @HandlesCommand(DeploymentCommands.get)
  async get({ deploymentId }: DeploymentRef, { actor, em }: CommandContext) {
    const caller = requireRole(actor, ...DeploymentAccess.readPostings);
    const deployment = await this.deployments.find(em, deploymentId);
    if (!deployment || !seenBy(caller, deployment)) throw absentPosting(deploymentId);
    return answer(deployment, caller);
  }

  @HandlesCommand(DeploymentCommands.list)
  async list(query: DeploymentListQuery, { actor, em }: CommandContext) {
    const caller = requireRole(actor, ...DeploymentAccess.readPostings);
    const page = await this.deploymentQuery.list(em, caller, query);
    return {
      items: page.items.map((d) => deploymentView(d, relationToPosting(caller, d))),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Active officers per sending/host pair along a route, and the parties on it where nobody is
   * posted. Only ACTIVE postings count, and those everyone signed in may know of; officers appear
   * with their public fields only.
   */
  @HandlesCommand(DeploymentCommands.coverage)
  async coverage({ route: code }: CoverageQuery, { actor, em }: CommandContext) {
    requireRole(actor, ...DeploymentAccess.readPostings);
    const route = findRoute(code);
    if (!route)
      throw new NotFoundError(RouteErrors.NOT_FOUND, `No migration route ${code} (GET /routes)`);
    const active = await this.deploymentQuery.activeIn(em, route.parties);
    const officers = await this.officerQuery.byIds(
      em,
      active.map((d) => d.officerId),
    );
    const names = new Map(officers.map((o) => [o.id, o.fullName]));
    const pairs = new Map<
      string,
      { sendingParty: string; hostParty: string; officers: unknown[] }
    >();
    for (const deployment of active) {
      const key = `${deployment.sendingParty}>${deployment.hostParty}`;
      const pair = pairs.get(key) ?? {
        sendingParty: deployment.sendingParty,
        hostParty: deployment.hostParty,
        officers: [],
      };
      pair.officers.push({
        officerId: deployment.officerId,
        fullName: names.get(deployment.officerId) ?? null,
        deploymentId: deployment.id,
        postingCity: deployment.postingCity,
        endDate: deployment.endDate,
      });
      pairs.set(key, pair);
    }
    const covered = new Set(active.map((d) => d.hostParty));
    return {
      route,
      pairs: [...pairs.values()],
      uncovered: route.parties.filter((party) => !covered.has(party)),
    };
  }

  /** Role first: 403 whatever the record, before the unit of work reads it. */
  private async changeSeen(
    deploymentId: string,
    roles: readonly Role[],
    { actor, em, ifMatch }: CommandContext,
    rule: PostingRule,
  ): Promise<Versioned> {
    const caller = requireRole(actor, ...roles);
    const change = postingChange(caller, deploymentId, ifMatch, rule);
    return answer(await this.unitOfWork.change(em, change), caller);
  }
}

/** The posting as the caller sees it, with the version the caller sees as its ETag. */
function answer(deployment: Deployment, caller: Actor): Versioned {
  const view = deploymentView(deployment, relationToPosting(caller, deployment));
  return versioned(view, view.version);
}
