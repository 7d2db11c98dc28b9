import { Injectable } from '@nestjs/common';
import { SERVICES } from '@bp/contracts';
import { UnitOfWork } from '@bp/messaging';
import { integrationEvents } from '../../application/rfi-integration-events';
import { InformationRequest } from '../../domain/information-request';
import { RfiChange } from '../../domain/rfi-change';
import { RfiRepository } from './rfi.repository';

/** The one way an RFI changes: the platform's unit of work with the RFI's store and events. */
@Injectable()
export class RfiUnitOfWork extends UnitOfWork<InformationRequest, RfiChange> {
  constructor(repository: RfiRepository) {
    super(repository, integrationEvents, SERVICES.rfi.name);
  }
}
