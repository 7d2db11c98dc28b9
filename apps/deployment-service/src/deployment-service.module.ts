import { DynamicModule, Module } from '@nestjs/common';
import { SERVICES } from '@bp/contracts';
import { ServicePlatformModule } from '@bp/messaging';
import { DeploymentServiceConfigModule } from './config/deployment-service-config.module';
import { DeploymentServiceSettings } from './config/deployment-service-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';
import { Deployments } from './application/deployment-use-cases';
import { Officers } from './application/officer-use-cases';
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
      providers: [Officers, Deployments, CalendarScheduler],
    };
  }
}
