import { Controller, Get } from '@nestjs/common';
import { Public } from '@bp/auth';

/** Liveness only: the process answers. Readiness, which asks dependencies, is the gateway's. */
@Public()
@Controller('health')
export class LivenessController {
  @Get()
  live(): { status: 'ok'; uptimeSeconds: number } {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }
}
