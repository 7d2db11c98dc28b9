import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ServiceEnvironment } from '@bp/messaging';

/** The deployment-service's settings: those of every service, and how often its calendar runs. */
export class DeploymentServiceEnvironment extends ServiceEnvironment {
  /** How often approved postings are started and active ones ended on their dates. */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  DEPLOYMENT_CALENDAR_INTERVAL_MS?: number;
}
