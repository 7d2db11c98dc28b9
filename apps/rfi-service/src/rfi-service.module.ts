import { Module } from '@nestjs/common';
import { SERVICES } from '@bp/contracts';
import { ServicePlatformModule } from '@bp/messaging';
import { ormConfig } from './infrastructure/persistence/orm-config';
import { RfiRepository } from './infrastructure/persistence/rfi.repository';
import { RfiListQuery } from './infrastructure/persistence/rfi-list.query';
import { RequestsForInformation } from './application/rfi-use-cases';
import { RfiSettings } from './application/rfi-settings';
import { OverdueScheduler } from './application/overdue-scheduler';
import { RfiCommandHandlers } from './interface/rfi-command.handlers';
import { Postings } from './infrastructure/persistence/postings';
import { PostingEventHandlers } from './interface/posting-event.handlers';

@Module({
  imports: [ServicePlatformModule.forService({ service: SERVICES.rfi, orm: ormConfig() })],
  providers: [
    { provide: RfiSettings, useFactory: () => RfiSettings.fromEnv() },
    RfiRepository,
    RfiListQuery,
    RequestsForInformation,
    OverdueScheduler,
    RfiCommandHandlers,
    Postings,
    PostingEventHandlers,
  ],
})
export class RfiServiceModule {}
