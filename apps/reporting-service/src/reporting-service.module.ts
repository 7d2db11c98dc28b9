import { DynamicModule, Module } from '@nestjs/common';
import { SERVICES } from '@bp/contracts';
import { ServicePlatformModule } from '@bp/messaging';
import { ReportingServiceConfigModule } from './config/reporting-service-config.module';
import { ReportingServiceSettings } from './config/reporting-service-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';
import { ReportRecords } from './infrastructure/persistence/report-records';
import { ReportModel } from './application/report-model';
import { ReportingEventHandlers } from './interface/reporting-event.handlers';
import { ResponseHealth } from './application/response-health';
import { EscalationBoardReport } from './application/escalation-board';
import { DeploymentStatisticsReport } from './application/deployment-statistics';
import { DeploymentStatisticsQueryRunner } from './infrastructure/persistence/deployment-statistics.query';
import { ReportPostings } from './infrastructure/persistence/report-postings';
import { ReportExchanges } from './infrastructure/persistence/report-exchanges';
import { ExchangeStatisticsQueryRunner } from './infrastructure/persistence/exchange-statistics.query';
import { ExchangeStatisticsReport } from './application/exchange-statistics';
import { EscalationBoardQueryRunner } from './infrastructure/persistence/escalation-board.query';
import { ResponseHealthQueryRunner } from './infrastructure/persistence/response-health.query';
import { HealthCellsQuery } from './infrastructure/persistence/health-cells.query';
import { EarlyWarnings } from './infrastructure/persistence/early-warnings';
import { EarlyWarningWatch } from './application/early-warning-watch';
import { EarlyWarningList } from './application/early-warning-list';
import { AlertRepository, AlertUnitOfWork } from './infrastructure/persistence/alerts';
import { Alerts } from './application/alerts';

@Module({})
export class ReportingServiceModule {
  /** The app with the settings main.ts loaded from the environment. */
  static forRoot(settings: ReportingServiceSettings): DynamicModule {
    return {
      module: ReportingServiceModule,
      imports: [
        ReportingServiceConfigModule.forRoot(settings),
        ServicePlatformModule.forService({
          service: SERVICES.reporting,
          settings,
          orm: ormConfig(settings.database),
          readsFromStandby: true,
        }),
      ],
      providers: [
        ReportRecords,
        ReportModel,
        ReportingEventHandlers,
        ResponseHealthQueryRunner,
        HealthCellsQuery,
        ResponseHealth,
        EscalationBoardQueryRunner,
        EscalationBoardReport,
        ReportPostings,
        DeploymentStatisticsQueryRunner,
        DeploymentStatisticsReport,
        ReportExchanges,
        ExchangeStatisticsQueryRunner,
        ExchangeStatisticsReport,
        EarlyWarnings,
        EarlyWarningWatch,
        EarlyWarningList,
        AlertRepository,
        AlertUnitOfWork,
        Alerts,
      ],
    };
  }
}
