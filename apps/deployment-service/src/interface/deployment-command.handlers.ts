import { Injectable } from '@nestjs/common';
import {
  CoverageQuery,
  DeploymentCommands,
  DeploymentListQuery,
  DeploymentOptionalReasonCommand,
  DeploymentReasonCommand,
  DeploymentRef,
  ExtensionCommand,
  ExtensionRef,
  OfficerListQuery,
  OfficerRef,
  ProposeDeploymentBody,
  RegisterOfficerBody,
} from '@bp/contracts';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { Deployments } from '../application/deployment-use-cases';
import { Officers } from '../application/officer-use-cases';

/** The deployment-service's commands, each handed to its use case (which checks the actor). */
@Injectable()
export class DeploymentCommandHandlers {
  constructor(
    private readonly officers: Officers,
    private readonly deployments: Deployments,
  ) {}

  @HandlesCommand(DeploymentCommands.registerOfficer)
  registerOfficer(payload: RegisterOfficerBody, context: CommandContext) {
    return this.officers.register(payload, context);
  }

  @HandlesCommand(DeploymentCommands.getOfficer)
  getOfficer({ officerId }: OfficerRef, context: CommandContext) {
    return this.officers.get(officerId, context);
  }

  @HandlesCommand(DeploymentCommands.listOfficers)
  listOfficers(payload: OfficerListQuery, context: CommandContext) {
    return this.officers.list(payload, context);
  }

  @HandlesCommand(DeploymentCommands.propose)
  propose(payload: ProposeDeploymentBody, context: CommandContext) {
    return this.deployments.propose(payload, context);
  }

  @HandlesCommand(DeploymentCommands.approve)
  approve({ deploymentId }: DeploymentRef, context: CommandContext) {
    return this.deployments.approve(deploymentId, context);
  }

  @HandlesCommand(DeploymentCommands.refuse)
  refuse(payload: DeploymentReasonCommand, context: CommandContext) {
    return this.deployments.refuse(payload, context);
  }

  @HandlesCommand(DeploymentCommands.cancel)
  cancel(payload: DeploymentOptionalReasonCommand, context: CommandContext) {
    return this.deployments.cancel(payload, context);
  }

  @HandlesCommand(DeploymentCommands.recall)
  recall(payload: DeploymentReasonCommand, context: CommandContext) {
    return this.deployments.recall(payload, context);
  }

  @HandlesCommand(DeploymentCommands.requestExtension)
  requestExtension(payload: ExtensionCommand, context: CommandContext) {
    return this.deployments.requestExtension(payload, context);
  }

  @HandlesCommand(DeploymentCommands.approveExtension)
  approveExtension(payload: ExtensionRef, context: CommandContext) {
    return this.deployments.approveExtension(payload, context);
  }

  @HandlesCommand(DeploymentCommands.get)
  get({ deploymentId }: DeploymentRef, context: CommandContext) {
    return this.deployments.get(deploymentId, context);
  }

  @HandlesCommand(DeploymentCommands.list)
  list(payload: DeploymentListQuery, context: CommandContext) {
    return this.deployments.list(payload, context);
  }

  @HandlesCommand(DeploymentCommands.coverage)
  coverage(payload: CoverageQuery, context: CommandContext) {
    return this.deployments.coverage(payload, context);
  }
}
