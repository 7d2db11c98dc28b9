import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { DATABASE_DEBUG_LEVELS } from '@bp/persistence';

/** Settings every service process reads; see the README's table of environment variables. */
export class ServiceEnvironment {
  @IsOptional()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS is host:port[,host:port...]' })
  KAFKA_BROKERS?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL is a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/)
  DATABASE_NAME?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT?: number;

  @IsOptional()
  @IsString()
  HTTP_HOST?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  /** Query logging of MikroORM; bound values are logged only with `queries-with-values`. */
  @IsOptional()
  @IsIn([...DATABASE_DEBUG_LEVELS])
  DATABASE_DEBUG?: string;
}
