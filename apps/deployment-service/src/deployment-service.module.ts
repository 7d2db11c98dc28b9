import { DynamicModule, Module } from '@nestjs/common';
import { SERVICES } from '@bp/contracts';
import { ServicePlatformModule } from '@bp/messaging';
import { DeploymentServiceConfigModule } from './config/deployment-service-config.module';
import { DeploymentServiceSettings } from './config/deployment-service-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';
import { DeploymentRepository } from './infrastructure/persistence/deployment.repository';
import { OfficerRepository } from './infrastructure/persistence/officer.repository';
import { DeploymentQuery } from './infrastructure/persistence/deployment.query';
import { OfficerQuery } from './infrastructure/persistence/officer.query';
import { DeploymentUnitOfWork } from './infrastructure/persistence/deployment.unit-of-work';
import { Deployments } from './application/deployments';
import { Officers } from './application/officers';
import { CalendarScheduler } from './application/calendar-scheduler';

@Module({})
export class DeploymentServiceModule {
  /** The app with the settings main.ts loaded from the environment. */
  static forRoot(settings: DeploymentServiceSettings): DynamicModule {
    return {
      module: DeploymentServiceModule,
      imports: [
        DeploymentServiceConfigModule.forRoot(settings),
        ServicePlatformModule.forService({
          service: SERVICES.deployment,
          settings,
          orm: ormConfig(settings.database),
        }),
      ],
      providers: [
        DeploymentRepository,
        OfficerRepository,
        DeploymentQuery,
        OfficerQuery,
        DeploymentUnitOfWork,
        Officers,
        Deployments,
        CalendarScheduler,
      ],
    };
  }
}
