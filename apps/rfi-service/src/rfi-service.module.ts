import { Module } from '@nestjs/common';
import { SERVICES } from '@bp/contracts';
import { ServicePlatformModule } from '@bp/messaging';
import { ormConfig } from './infrastructure/persistence/orm-config';

@Module({
  imports: [ServicePlatformModule.forService({ service: SERVICES.rfi, orm: ormConfig() })],
})
export class RfiServiceModule {}
