import { DynamicModule, Module } from '@nestjs/common';
import { SERVICES } from '@bp/contracts';
import { ServicePlatformModule } from '@bp/messaging';
import { RfiServiceConfigModule } from './config/rfi-service-config.module';
import { RfiServiceSettings } from './config/rfi-service-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';
import { RfiRepository } from './infrastructure/persistence/rfi.repository';
import { RfiListQuery } from './infrastructure/persistence/rfi-list.query';
import { HistoryChainQuery } from './infrastructure/persistence/history-chain.query';
import { RfiUnitOfWork } from './infrastructure/persistence/rfi.unit-of-work';
import { RfiCallers } from './application/rfi-callers';
import { RfiReads } from './application/rfi-reads';
import { RfiChanges } from './application/rfi-changes';
import { RfiSystemWork } from './application/rfi-system-work';
import { OverdueScheduler } from './application/overdue-scheduler';
import { Postings } from './infrastructure/persistence/postings';
import { PostingEventHandlers } from './interface/posting-event.handlers';
import { AttachmentRepository } from './infrastructure/persistence/attachment.repository';
import { attachmentStoreProvider } from './infrastructure/attachments/attachment-store.provider';
import { detectTypeProvider } from './infrastructure/attachments/file-type-detection';
import { AttachmentUploads } from './application/attachment-uploads';
import { RfiAttachments } from './application/rfi-attachments';
import { RfiEntities } from './application/rfi-entities';
import { PossibleLinks } from './application/possible-links';
import { LinkConsents } from './application/link-consents';
import { SimilarRequests } from './application/similar-requests';
import { LinkNotices } from './application/link-notices';
import { RfiExport } from './application/rfi-export';
import { RfiRetention } from './application/rfi-retention';
import { RetentionPass } from './application/retention-pass';
import { ExchangeEventHandlers } from './interface/exchange-event.handlers';
import { ExchangesHeld } from './infrastructure/persistence/exchanges-held';
import { OrphanSweep } from './application/orphan-sweep';
import { RfiLists } from './application/rfi-lists';
import { AttachmentTransferController } from './interface/attachment-transfer.controller';

@Module({})
export class RfiServiceModule {
  /** The app with the settings main.ts loaded from the environment. */
  static forRoot(settings: RfiServiceSettings): DynamicModule {
    return {
      module: RfiServiceModule,
      imports: [
        RfiServiceConfigModule.forRoot(settings),
        ServicePlatformModule.forService({
          service: SERVICES.rfi,
          settings,
          orm: ormConfig(settings.database),
          readsFromStandby: true,
        }),
      ],
      providers: [
        RfiRepository,
        RfiListQuery,
        HistoryChainQuery,
        RfiUnitOfWork,
        RfiCallers,
        RfiReads,
        RfiLists,
        RfiChanges,
        RfiSystemWork,
        OverdueScheduler,
        Postings,
        PostingEventHandlers,
        ExchangeEventHandlers,
        ExchangesHeld,
        AttachmentRepository,
        attachmentStoreProvider,
        detectTypeProvider,
        AttachmentUploads,
        RfiAttachments,
        RfiEntities,
        PossibleLinks,
        LinkConsents,
        SimilarRequests,
        LinkNotices,
        RfiExport,
        RfiRetention,
        RetentionPass,
        OrphanSweep,
      ],
      controllers: [AttachmentTransferController],
    };
  }
}
