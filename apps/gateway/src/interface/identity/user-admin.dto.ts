import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Equals,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PAGE_MAX_ITEMS, PARTY_CODE, PageQuery, ROLES, Role } from '@bp/contracts';
import { ACCOUNT_AUDIT_ACTIONS, AccountAuditAction } from '../../domain/user-account-audit';
import { AccountDto } from './identity.dto';
import {
  CURSOR_OUT,
  TEMPORARY_PASSWORD_MAX_LENGTH,
  TIMESTAMP_OUT,
  USERNAME,
} from './account-fields';

export class UserListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ example: 'SRB' })
  @IsOptional()
  @Matches(PARTY_CODE)
  party?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  disabled?: 'true' | 'false';
}

/** PATCH /users/{id}: only what is named changes; at least one field. */
export class UpdateUserDto {
  @ApiPropertyOptional({
    description: "true disables the account and ends its tokens' use at once",
  })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'an enabled account of the same party and role that takes over; null takes it back',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  successorId?: string | null;

  @ApiPropertyOptional({
    enum: ROLES,
    description: 'must fit the party and officer the account already has',
  })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({
    enum: [true],
    description:
      'a new temporary password, shown once in the answer; a change is forced at next use',
  })
  @IsOptional()
  @Equals(true)
  resetPassword?: true;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'duty.desk@mup.gov.rs',
    description:
      'where duty pages are mailed; null removes it (a duty roster keeps the address it was set with)',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsEmail()
  @MaxLength(254)
  email?: string | null;
}

export class ChangedAccountDto extends AccountDto {
  @ApiPropertyOptional({
    example: 'q3Vx0cJ9a8WmZ1bKp2LrT4yN',
    maxLength: TEMPORARY_PASSWORD_MAX_LENGTH,
    description: 'only after resetPassword, and only in this answer: hand it over out of band',
  })
  temporaryPassword?: string;
}

export class AccountPageDto {
  @ApiProperty({ type: AccountDto, isArray: true, maxItems: PAGE_MAX_ITEMS })
  items!: AccountDto[];

  @ApiProperty(CURSOR_OUT)
  nextCursor!: string | null;
}

export class AuditListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'the account the actions were done to' })
  @IsOptional()
  @IsUUID()
  targetUserId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the admin (or user) who acted' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ enum: ACCOUNT_AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(ACCOUNT_AUDIT_ACTIONS)
  action?: AccountAuditAction;
}

class AuditPartyDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ example: 'admin', pattern: USERNAME.source }) username!: string;
}

export class AuditLineDto {
  @ApiProperty({
    example: '42',
    pattern: '^[1-9][0-9]{0,18}$',
    description: 'the position in the log',
  })
  id!: string;
  @ApiProperty({ example: '2026-05-20T08:00:00.000Z', ...TIMESTAMP_OUT }) at!: string;
  @ApiProperty({ enum: ACCOUNT_AUDIT_ACTIONS }) action!: AccountAuditAction;
  @ApiProperty({
    type: AuditPartyDto,
    nullable: true,
    description: 'who did it; null only for demo accounts created by the seed',
  })
  actor!: AuditPartyDto | null;
  @ApiProperty({ type: AuditPartyDto }) target!: AuditPartyDto;
  @ApiProperty({ example: { from: 'secretariat', to: 'admin' }, description: 'never a secret' })
  details!: Record<string, unknown>;
}

export class AuditPageDto {
  @ApiProperty({ type: AuditLineDto, isArray: true, maxItems: PAGE_MAX_ITEMS })
  items!: AuditLineDto[];

  @ApiProperty(CURSOR_OUT)
  nextCursor!: string | null;
}
