import { Module } from '@nestjs/common';
import { SERVICES } from '@bp/contracts';
import { ServicePlatformModule } from '@bp/messaging';
import { ormConfig } from './infrastructure/persistence/orm-config';
import { Deployments } from './application/deployment-use-cases';
import { Officers } from './application/officer-use-cases';
import { CalendarScheduler } from './application/calendar-scheduler';
import { DeploymentCommandHandlers } from './interface/deployment-command.handlers';

@Module({
  imports: [ServicePlatformModule.forService({ service: SERVICES.deployment, orm: ormConfig() })],
  providers: [Officers, Deployments, CalendarScheduler, DeploymentCommandHandlers],
})
export class DeploymentServiceModule {}
