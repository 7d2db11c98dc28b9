import { Inject, Injectable } from '@nestjs/common';
import { KeyRing } from '@bp/auth';
import { GATEWAY_SETTINGS, GatewaySettings } from '../config/gateway-settings';

/** The keys the gateway signs command assertions with (JWT_KEY_DIR, shared by every app). */
@Injectable()
export class CommandKeys extends KeyRing {
  constructor(@Inject(GATEWAY_SETTINGS) settings: GatewaySettings) {
    super(settings.keyDir, 'command');
  }
}
