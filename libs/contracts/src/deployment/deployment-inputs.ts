import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { CALENDAR_DATE, PARTY_CODE, TOPIC_CODE, trimmed } from '../input-patterns';
import { PageQuery } from '../commands/page-query';
import { DEPLOYMENT_STATUSES, DeploymentStatus } from '@bp/domain-kernel';

export class RegisterOfficerBody {
  @ApiProperty({ example: 'Ayesha Khan' })
  @Transform(trimmed)
  @IsString()
  @Length(2, 200)
  fullName!: string;

  @ApiProperty({ example: 'PAK' })
  @Matches(PARTY_CODE)
  sendingParty!: string;

  @ApiProperty({ example: 'Federal Investigation Agency' })
  @IsString()
  @Length(2, 200)
  agency!: string;

  @ApiPropertyOptional({ example: 'Deputy Director' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  rank?: string;

  @ApiProperty({ example: ['en', 'ur'], description: 'ISO 639-1 codes' })
  @Matches(/^[a-z]{2}$/, { each: true })
  @ArrayMaxSize(20)
  languages!: string[];

  @ApiProperty({
    example: ['SMUGGLING_OF_MIGRANTS', 'DOCUMENT_FRAUD'],
    description: 'codes from GET /topics',
  })
  @Matches(TOPIC_CODE, { each: true })
  @ArrayMaxSize(8)
  expertise!: string[];

  @ApiProperty({ example: 'a.khan@fia.example.org' })
  @IsEmail()
  @MaxLength(200)
  email!: string;

  @ApiPropertyOptional({ example: '+92 51 000 0000' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,30}$/)
  phone?: string;
}

export class ProposeDeploymentBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  officerId!: string;

  @ApiProperty({ example: 'SRB' })
  @Matches(PARTY_CODE)
  hostParty!: string;

  @ApiProperty({ example: 'Belgrade' })
  @Transform(trimmed)
  @IsString()
  @Length(2, 100)
  postingCity!: string;

  @ApiProperty({ example: ['SMUGGLING_OF_MIGRANTS'] })
  @Matches(TOPIC_CODE, { each: true })
  @ArrayMaxSize(8)
  mandateTopics!: string[];

  @ApiProperty({ example: '2026-07-01' })
  @Matches(CALENDAR_DATE)
  startDate!: string;

  @ApiProperty({ example: '2027-06-30' })
  @Matches(CALENDAR_DATE)
  endDate!: string;

  @ApiPropertyOptional({ example: 'Second posting on the Western Balkans route' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  note?: string;
}

export class DeploymentReasonBody {
  @ApiProperty({ example: 'No office space before next year' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 2_000)
  reason!: string;
}

export class DeploymentOptionalReasonBody {
  @ApiPropertyOptional({ example: 'The officer is needed at home' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  reason?: string;
}

export class ExtensionBody {
  @ApiProperty({ example: '2027-12-31' })
  @Matches(CALENDAR_DATE)
  endDate!: string;
}

export class DeploymentListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DEPLOYMENT_STATUSES })
  @IsOptional()
  @IsIn(DEPLOYMENT_STATUSES)
  status?: DeploymentStatus;

  @ApiPropertyOptional({ example: 'SRB' })
  @IsOptional()
  @Matches(PARTY_CODE)
  hostParty?: string;

  @ApiPropertyOptional({ example: 'PAK' })
  @IsOptional()
  @Matches(PARTY_CODE)
  sendingParty?: string;

  @ApiPropertyOptional({ example: '2026-09-01', description: 'postings active on that day' })
  @IsOptional()
  @Matches(CALENDAR_DATE)
  activeOn?: string;
}

export class OfficerListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'PAK' })
  @IsOptional()
  @Matches(PARTY_CODE)
  sendingParty?: string;
}

export class CoverageQuery {
  @ApiProperty({ example: 'SILK_ROUTES_WESTERN_BALKANS', description: 'a code from GET /routes' })
  @Matches(/^[A-Z][A-Z_]{1,60}$/)
  route!: string;
}
