import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import {
  Actor,
  CoverageQuery,
  DeploymentListQuery,
  DeploymentOptionalReasonCommand,
  DeploymentReasonCommand,
  ExtensionCommand,
  ExtensionRef,
  NotFoundError,
  OfficerListQuery,
  ProposeDeploymentBody,
  RegisterOfficerBody,
  ValidationFailedError,
} from '@bp/contracts';
import { requireActor } from '@bp/auth';
import { CommandContext, CommandResponse, respond, stageEvents } from '@bp/messaging';
import { decodeCursor, pageOf } from '@bp/persistence';
import { findRoute, isPartyCode, isTopic } from '@bp/reference';
import { Deployment } from '../domain/deployment';
import { Officer } from '../domain/officer';
import { DeploymentSchema, OfficerSchema } from '../infrastructure/persistence/deployment.schemas';
import { deploymentView, officerView } from './deployment-views';
import { integrationEvents } from './deployment-integration-events';

const SOURCE = 'deployment-service';

/** Officers, their postings and the coverage of migration routes. Anyone signed in may read them. */
@Injectable()
export class Deployments {
  async registerOfficer(
    input: RegisterOfficerBody,
    { actor, em }: CommandContext,
  ): Promise<CommandResponse> {
    checkCodes({ sendingParty: [input.sendingParty] }, { expertise: input.expertise });
    const officer = Officer.register({
      ...input,
      id: randomUUID(),
      by: requireActor(actor),
      now: new Date(),
    });
    em.persist(officer);
    return respond.created(officerView(officer));
  }

  async getOfficer(officerId: string, { em }: CommandContext): Promise<CommandResponse> {
    const officer = await em.findOne(OfficerSchema, { id: officerId });
    if (!officer) throw new NotFoundError(`No officer ${officerId}`);
    return respond.ok(officerView(officer));
  }

  async listOfficers(query: OfficerListQuery, { em }: CommandContext): Promise<CommandResponse> {
    const limit = query.limit ?? 20;
    const where: Record<string, unknown>[] = [];
    if (query.sendingParty) where.push({ sendingParty: query.sendingParty });
    if (query.cursor) where.push(keysetAfter('createdAt', ...decodeCursor(query.cursor)));
    const rows = await em.find(
      OfficerSchema,
      { $and: where },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 },
    );
    return respond.ok(pageOf(rows, limit, (o) => [o.createdAt, o.id], officerView));
  }

  async propose(
    input: ProposeDeploymentBody,
    { actor, em }: CommandContext,
  ): Promise<CommandResponse> {
    checkCodes({ hostParty: [input.hostParty] }, { mandateTopics: input.mandateTopics });
    const officer = await em.findOne(
      OfficerSchema,
      { id: input.officerId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!officer)
      throw new ValidationFailedError('Unknown officer', [
        { field: 'officerId', message: 'no such officer' },
      ]);
    const deployment = Deployment.propose({
      ...input,
      id: randomUUID(),
      officer,
      by: requireActor(actor),
      now: new Date(),
      otherPostingsOfOfficer: await em.find(DeploymentSchema, { officerId: officer.id }),
    });
    await this.commit(em, deployment, actor);
    return respond.created(deploymentView(deployment), String(deployment.version));
  }

  approve(deploymentId: string, context: CommandContext) {
    return this.change(deploymentId, context, (d, actor, now) => d.approve(actor, now));
  }

  refuse(input: DeploymentReasonCommand, context: CommandContext) {
    return this.change(input.deploymentId, context, (d, actor, now) =>
      d.refuse(actor, input.reason, now),
    );
  }

  cancel(input: DeploymentOptionalReasonCommand, context: CommandContext) {
    return this.change(input.deploymentId, context, (d, actor, now) =>
      d.cancel(actor, input.reason ?? null, now),
    );
  }

  recall(input: DeploymentReasonCommand, context: CommandContext) {
    return this.change(input.deploymentId, context, (d, actor, now) =>
      d.recall(actor, input.reason, now),
    );
  }

  async requestExtension(
    input: ExtensionCommand,
    context: CommandContext,
  ): Promise<CommandResponse> {
    const response = await this.change(input.deploymentId, context, async (d, actor, now) => {
      const others = await context.em.find(DeploymentSchema, { officerId: d.officerId });
      d.requestExtension(actor, randomUUID(), input.endDate, others, now);
    });
    return { ...response, status: 201 };
  }

  approveExtension(input: ExtensionRef, context: CommandContext) {
    return this.change(input.deploymentId, context, (d, actor, now) =>
      d.decideExtension(actor, input.extensionId, true, now),
    );
  }

  async get(deploymentId: string, { em }: CommandContext): Promise<CommandResponse> {
    const deployment = await em.findOne(DeploymentSchema, { id: deploymentId });
    if (!deployment) throw new NotFoundError(`No deployment ${deploymentId}`);
    return respond.ok(deploymentView(deployment), String(deployment.version));
  }

  async list(query: DeploymentListQuery, { em }: CommandContext): Promise<CommandResponse> {
    const limit = query.limit ?? 20;
    const where: Record<string, unknown>[] = [];
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
    return respond.ok(pageOf(rows, limit, (d) => [d.proposedAt, d.id], deploymentView));
  }

  /** Active officers per sending/host pair along a route, and the parties on it where nobody is posted. */
  async coverage({ route: code }: CoverageQuery, { em }: CommandContext): Promise<CommandResponse> {
    const route = findRoute(code);
    if (!route) throw new NotFoundError(`No migration route ${code} (GET /routes)`);
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
      const officer = officers.get(deployment.officerId);
      pair.officers.push({
        officerId: deployment.officerId,
        fullName: officer?.fullName ?? null,
        deploymentId: deployment.id,
        postingCity: deployment.postingCity,
        endDate: deployment.endDate,
      });
      pairs.set(key, pair);
    }
    const covered = new Set(active.map((d) => d.hostParty));
    return respond.ok({
      route,
      pairs: [...pairs.values()],
      uncovered: route.parties.filter((party) => !covered.has(party)),
    });
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

  private async change(
    deploymentId: string,
    { actor: caller, em, ifMatch }: CommandContext,
    apply: (deployment: Deployment, actor: Actor, now: Date) => unknown,
  ): Promise<CommandResponse> {
    const actor = requireActor(caller);
    const deployment = await em.findOne(
      DeploymentSchema,
      { id: deploymentId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!deployment) throw new NotFoundError(`No deployment ${deploymentId}`);
    deployment.assertVersion(ifMatch);
    await apply(deployment, actor, new Date());
    await this.commit(em, deployment, actor);
    return respond.ok(deploymentView(deployment), String(deployment.version));
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

function keysetAfter(field: string, at: string, id: string): Record<string, unknown> {
  return { $or: [{ [field]: { $lt: new Date(at) } }, { [field]: new Date(at), id: { $lt: id } }] };
}

function checkCodes(parties: Record<string, string[]>, topics: Record<string, string[]>): void {
  const errors = [
    ...Object.entries(parties).flatMap(([field, codes]) =>
      codes
        .filter((c) => !isPartyCode(c))
        .map((c) => ({ field, message: `unknown party ${c} (GET /parties)` })),
    ),
    ...Object.entries(topics).flatMap(([field, codes]) =>
      codes.flatMap((c, i) =>
        isTopic(c)
          ? []
          : [{ field: `${field}[${i}]`, message: `unknown topic ${c} (GET /topics)` }],
      ),
    ),
  ];
  if (errors.length) throw new ValidationFailedError('Unknown reference codes', errors);
}
