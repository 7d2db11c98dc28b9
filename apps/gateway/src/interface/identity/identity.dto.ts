import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { PARTY_CODE, ROLES, Role } from '@bp/contracts';
import { ACCESS_TOKEN_MAX_LENGTH, INT32_MAX, TIMESTAMP_OUT, USERNAME } from './account-fields';

export class SignInDto {
  @ApiProperty({ example: 'fp-pak' })
  @IsString()
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'change-me-demo-password' })
  @IsString()
  @MaxLength(256)
  password!: string;
}

export class TokenDto {
  @ApiProperty({
    example: 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmcC1wYWsifQ.c2lnbmF0dXJl',
    pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$',
    maxLength: ACCESS_TOKEN_MAX_LENGTH,
  })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType!: 'Bearer';

  @ApiProperty({
    example: 900,
    minimum: 60,
    maximum: 24 * 3600,
    description: 'seconds until the token expires (JWT_TTL_SECONDS)',
  })
  expiresIn!: number;
}

export class CreateUserDto {
  @ApiProperty({
    example: 'fp-srb-deputy',
    description: 'lower case letters, digits, dot, dash, underscore',
  })
  @Matches(USERNAME)
  username!: string;

  @ApiProperty({ example: 'a long passphrase of at least 12 characters', minLength: 12 })
  @IsString()
  @Length(12, 256)
  password!: string;

  @ApiProperty({ enum: ROLES, example: 'focal_point' })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({
    example: 'SRB',
    description: 'party code (GET /parties); none for the secretariat, admin and chair',
  })
  @IsOptional()
  @Matches(PARTY_CODE)
  party?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'for liaison_officer accounts: the officer record',
  })
  @IsOptional()
  @IsUUID('4')
  officerId?: string;

  @ApiPropertyOptional({
    example: 'duty.desk@mup.gov.rs',
    description: 'where duty pages are mailed; shown to admins and the holder only',
  })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

export class AccountDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'fp-pak', pattern: USERNAME.source })
  username!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ example: 'PAK', nullable: true, type: String, pattern: PARTY_CODE.source })
  party!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  officerId!: string | null;

  @ApiProperty({
    example: 'duty.desk@mup.gov.rs',
    nullable: true,
    type: String,
    format: 'email',
    maxLength: 254,
    description: 'where duty pages are mailed (admins and the holder only)',
  })
  email!: string | null;

  @ApiProperty({ description: 'a disabled account cannot sign in; its tokens no longer work' })
  disabled!: boolean;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'the account that takes over from this one, if an admin named it',
  })
  successorId!: string | null;

  @ApiProperty({
    description:
      'after an admin reset: until POST /me/password, the token opens only GET /me and POST /me/password',
  })
  passwordChangeRequired!: boolean;

  @ApiProperty({ example: '2026-05-20T08:00:00.000Z', ...TIMESTAMP_OUT })
  createdAt!: string;

  @ApiProperty({
    example: 1,
    minimum: 1,
    maximum: INT32_MAX,
    description: 'also the ETag; send it as If-Match on PATCH',
  })
  version!: number;
}

/** GET /me: the caller's account, and how many of its notifications it has not read. */
export class MeDto extends AccountDto {
  @ApiProperty({
    example: 3,
    minimum: 0,
    maximum: INT32_MAX,
    nullable: true,
    type: Number,
    description: 'unread notifications of your inbox; null when they cannot be counted just now',
  })
  unreadNotifications!: number | null;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'the current or temporary password' })
  @IsString()
  @MaxLength(256)
  currentPassword!: string;

  @ApiProperty({ example: 'a new passphrase of at least 12 characters', minLength: 12 })
  @IsString()
  @Length(12, 256)
  newPassword!: string;
}
