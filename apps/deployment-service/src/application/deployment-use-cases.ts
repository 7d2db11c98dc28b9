import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
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
import { CommandContext, HandlesCommand, Versioned, stageEvents, versioned } from '@bp/messaging';
import { decodeCursor, pageOf } from '@bp/persistence';
import { findRoute } from '@bp/reference';
import { Deployment } from '../domain/deployment';
import { DeploymentErrors, RouteErrors } from '../domain/deployment-errors';
import { maySeePosting, relationToPosting, shownPostingVersion } from '../domain/need-to-know';
import { DeploymentSchema, OfficerSchema } from '../infrastructure/persistence/deployment.schemas';
import { deploymentView } from './deployment-views';
import { integrationEvents } from './deployment-integration-events';
import { visiblePostings } from './posting-visibility';
import { checkCodes, keysetAfter } from './query-helpers';

const SOURCE = 'deployment-service';

/**
 * Postings and the coverage of migration routes. Every answer is the posting as the caller may
 * see it (domain/need-to-know.ts): a posting the caller may not see is absent (404), and its ETag
 * is the version the caller can see.
 */
@Injectable()
export class Deployments {
  @HandlesCommand(DeploymentCommands.propose)
  async propose(input: ProposeDeploymentBody, { actor, em }: CommandContext) {
    const by = requireRole(actor, ...DeploymentAccess.propose);
    checkCodes({ hostParty: [input.hostParty] }, { mandateTopics: input.mandateTopics });
    const officer = await em.findOne(
      OfficerSchema,
      { id: input.officerId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
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
      otherPostingsOfOfficer: await em.find(DeploymentSchema, { officerId: officer.id }),
    });
    await this.commit(em, deployment, by);
    return answer(deployment, by);
  }

  @HandlesCommand(DeploymentCommands.approve)
  approve({ deploymentId }: DeploymentRef, context: CommandContext) {
    return this.change(deploymentId, DeploymentAccess.decide, context, (d, actor, now) =>
      d.approve(actor, now),
    );
  }

  @HandlesCommand(DeploymentCommands.refuse)
  refuse(input: DeploymentReasonCommand, context: CommandContext) {
    return this.change(input.deploymentId, DeploymentAccess.decide, context, (d, actor, now) =>
      d.refuse(actor, input.reason, now),
    );
  }

  @HandlesCommand(DeploymentCommands.cancel)
  cancel(input: DeploymentOptionalReasonCommand, context: CommandContext) {
    return this.change(input.deploymentId, DeploymentAccess.manage, context, (d, actor, now) =>
      d.cancel(actor, input.reason ?? null, now),
    );
  }

  @HandlesCommand(DeploymentCommands.recall)
  recall(input: DeploymentReasonCommand, context: CommandContext) {
    return this.change(input.deploymentId, DeploymentAccess.manage, context, (d, actor, now) =>
      d.recall(actor, input.reason, now),
    );
  }

  @HandlesCommand(DeploymentCommands.requestExtension)
  requestExtension(input: ExtensionCommand, context: CommandContext) {
    return this.change(
      input.deploymentId,
      DeploymentAccess.manage,
      context,
      async (d, actor, now) => {
        const others = await context.em.find(DeploymentSchema, { officerId: d.officerId });
        d.requestExtension(actor, randomUUID(), input.endDate, others, now);
      },
    );
  }

  @HandlesCommand(DeploymentCommands.approveExtension)
  approveExtension(input: ExtensionRef, context: CommandContext) {
    return this.change(input.deploymentId, DeploymentAccess.decide, context, (d, actor, now) =>
      d.decideExtension(actor, input.extensionId, true, now),
    );
  }

  @HandlesCommand(DeploymentCommands.get)
  async get({ deploymentId }: DeploymentRef, { actor, em }: CommandContext) {
    const caller = requireRole(actor, ...DeploymentAccess.readPostings);
    const deployment = visibleOrAbsent(
      caller,
      deploymentId,
      await em.findOne(DeploymentSchema, { id: deploymentId }),
    );
    return answer(deployment, caller);
  }

  @HandlesCommand(DeploymentCommands.list)
  async list(query: DeploymentListQuery, { actor, em }: CommandContext) {
    const caller = requireRole(actor, ...DeploymentAccess.readPostings);
    const limit = query.limit ?? 20;
    const where: Record<string, unknown>[] = [visiblePostings(caller)];
    if (query.status) where.push({ status: query.status });
    if (query.hostParty) where.push({ hostParty: query.hostParty });
    if (query.sendingParty) where.push({ sendingParty: query.sendingParty });
    if (query.activeOn)
      where.push({
        status: 'ACTIVE',
        startDate: { $lte: query.activeOn },
        endDate: { $gte: query.activeOn },
      });
    if (query.cursor) where.push(keysetAfter('proposedAt', ...decodeCursor(query.cursor)));
    const rows = await em.find(
      DeploymentSchema,
      { $and: where },
      { orderBy: { proposedAt: 'desc', id: 'desc' }, limit: limit + 1 },
    );
    return pageOf(
      rows,
      limit,
      (d) => [d.proposedAt, d.id],
      (d) => deploymentView(d, relationToPosting(caller, d)),
    );
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
    const active = await em.find(
      DeploymentSchema,
      { status: 'ACTIVE', hostParty: { $in: [...route.parties] } },
      { orderBy: { hostParty: 'asc', sendingParty: 'asc' } },
    );
    const officers = new Map(
      (await em.find(OfficerSchema, { id: { $in: active.map((d) => d.officerId) } })).map((o) => [
        o.id,
        o,
      ]),
    );
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
        fullName: officers.get(deployment.officerId)?.fullName ?? null,
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

  /** The calendar's part for one posting, under its row lock: start and end on their dates. */
  async advanceCalendar(em: EntityManager, deploymentId: string, now: Date): Promise<boolean> {
    const deployment = await em.findOne(
      DeploymentSchema,
      { id: deploymentId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!deployment) return false;
    deployment.advanceCalendar(now);
    const changed = await this.commit(em, deployment, null);
    return changed > 0;
  }

  /**
   * Role first (403 whatever the record), then need to know (404 for a posting the caller may not
   * see), then If-Match against the version the caller was shown, then the domain's own rules.
   */
  private async change(
    deploymentId: string,
    roles: readonly Role[],
    { actor, em, ifMatch }: CommandContext,
    apply: (deployment: Deployment, actor: Actor, now: Date) => unknown,
  ): Promise<Versioned> {
    const caller = requireRole(actor, ...roles);
    const deployment = visibleOrAbsent(
      caller,
      deploymentId,
      await em.findOne(
        DeploymentSchema,
        { id: deploymentId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      ),
    );
    deployment.assertVersion(
      ifMatch,
      shownPostingVersion(relationToPosting(caller, deployment), deployment),
    );
    await apply(deployment, caller, new Date());
    await this.commit(em, deployment, caller);
    return answer(deployment, caller);
  }

  private async commit(
    em: EntityManager,
    deployment: Deployment,
    actor: Actor | null,
  ): Promise<number> {
    const changes = deployment.pullChanges();
    em.persist(deployment);
    await stageEvents(em, integrationEvents(deployment, changes), { source: SOURCE, actor });
    return changes.length;
  }
}

function visibleOrAbsent(
  caller: Actor,
  deploymentId: string,
  deployment: Deployment | null,
): Deployment {
  if (!deployment || !maySeePosting(relationToPosting(caller, deployment), deployment.status))
    throw new NotFoundError(DeploymentErrors.NOT_FOUND, `No deployment ${deploymentId}`);
  return deployment;
}

/** The posting as the caller sees it, with the version the caller sees as its ETag. */
function answer(deployment: Deployment, caller: Actor): Versioned {
  const view = deploymentView(deployment, relationToPosting(caller, deployment));
  return versioned(view, view.version);
}
