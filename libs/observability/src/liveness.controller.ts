import { Controller, Get } from '@nestjs/common';

/** Liveness only: the process answers. Readiness, which asks dependencies, is the gateway's. */
@Controller('health')
export class LivenessController {
  @Get()
  live(): { status: 'ok'; uptimeSeconds: number } {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }
}
