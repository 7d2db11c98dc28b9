import { Injectable } from '@nestjs/common';
import { SERVICES } from '@bp/contracts';
import { UnitOfWork } from '@bp/messaging';
import { Deployment } from '../../domain/deployment';
import { DeploymentChange } from '../../domain/deployment-change';
import { DeploymentRepository } from './deployment.repository';
import { integrationEvents } from '../../application/deployment-integration-events';

/** The one way a posting changes here: its row, and its events staged in the same transaction. */
@Injectable()
export class DeploymentUnitOfWork extends UnitOfWork<Deployment, DeploymentChange> {
  constructor(repository: DeploymentRepository) {
    super(repository, integrationEvents, SERVICES.deployment.name);
  }
}
