import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { Public } from '@bp/auth';
import { BrokenParts } from './broken-parts';

/**
 * Liveness: the process answers and none of its parts stopped for good (BrokenParts). Readiness,
 * which asks dependencies, is the gateway's.
 */
@Public()
@Controller('health')
export class LivenessController {
  @Get()
  live(): { status: 'ok'; uptimeSeconds: number } {
    // Which part is named by the log and bp_component_broken, not to whoever asks.
    if (BrokenParts.names().length) throw new ServiceUnavailableException({ status: 'failing' });
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }
}
