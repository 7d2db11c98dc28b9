import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { LOG_LEVELS, LogLevel } from '@bp/observability';
import { DATABASE_DEBUG_LEVELS, DatabaseDebug } from '@bp/persistence';

function usesKafkaSasl(environment: AppEnvironment): boolean {
  return (
    environment.KAFKA_SASL_USERNAME !== undefined ||
    environment.KAFKA_SASL_PASSWORD_FILE !== undefined
  );
}

/**
 * Settings every app process reads, the gateway's and each service's; each app's environment class
 * (apps/<app>/src/config/) extends this. See the README's table of environment variables.
 */
export class AppEnvironment {
  @IsOptional()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS is host:port[,host:port...]' })
  KAFKA_BROKERS?: string;

  /**
   * The app's own broker principal (SASL/SCRAM-SHA-512); its password is read from the file, never
   * from the environment. Both or neither: without them the app connects unauthenticated, which
   * the broker of `npm start` and the tests refuses.
   */
  @ValidateIf(usesKafkaSasl)
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'KAFKA_SASL_USERNAME is a principal name' })
  KAFKA_SASL_USERNAME?: string;

  @ValidateIf(usesKafkaSasl)
  @IsString()
  @IsNotEmpty({ message: 'KAFKA_SASL_PASSWORD_FILE names the file with the principal password' })
  KAFKA_SASL_PASSWORD_FILE?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL is a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/)
  DATABASE_NAME?: string;

  /**
   * A file holding the password of DATABASE_URL's user (infra/scripts write one per role under
   * .run/<profile>/credentials/postgres/, mode 0600): the password is never in the environment.
   */
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'DATABASE_PASSWORD_FILE is a path' })
  DATABASE_PASSWORD_FILE?: string;

  /**
   * Migrate entry points only: the runtime role the database's owner grants its rights to after
   * the migrations (libs/persistence database-roles.ts), e.g. bp_rfi_app.
   */
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_APP_ROLE is a role name' })
  DATABASE_APP_ROLE?: string;

  @IsOptional()
  @IsIn([...LOG_LEVELS])
  LOG_LEVEL?: LogLevel;

  /** Query logging of MikroORM; bound values are logged only with `queries-with-values`. */
  @IsOptional()
  @IsIn([...DATABASE_DEBUG_LEVELS])
  DATABASE_DEBUG?: DatabaseDebug;

  /**
   * Folder of the gateway's key pairs, shared by every app: the gateway creates them when missing,
   * services read the public key of command assertions from it.
   */
  @IsOptional()
  @IsString()
  JWT_KEY_DIR?: string;
}

/** A service's settings: those of every app, and its loopback listener for /health and /metrics. */
export class ServiceEnvironment extends AppEnvironment {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT?: number;

  @IsOptional()
  @IsString()
  HTTP_HOST?: string;

  /**
   * A streaming standby of DATABASE_URL's server, as the same user (its password is the
   * primary's): the rfi-service's lists and search and the reporting-service's statistics read
   * there while it is no further behind than DATABASE_READ_MAX_STALENESS_MS. Other services
   * read nothing from it.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_READ_URL is a postgres:// URL' })
  DATABASE_READ_URL?: string;

  /** How far behind the primary the standby may be and still be read from (default 5000). */
  @IsOptional()
  @IsInt()
  @Min(2_000)
  @Max(600_000)
  DATABASE_READ_MAX_STALENESS_MS?: number;
}
