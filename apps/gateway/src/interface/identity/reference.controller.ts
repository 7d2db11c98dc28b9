import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  MIGRATION_ROUTES,
  MigrationRoute,
  PARTIES,
  Party,
  REGIONS,
  Region,
  TOPICS,
  TOPIC_DESCRIPTIONS,
  Topic,
} from '@bp/reference';

class PartyDto {
  @ApiProperty({ example: 'PAK' }) code!: string;
  @ApiProperty({ example: 'Pakistan' }) name!: string;
  @ApiProperty({ enum: ['STATE', 'ORGANISATION'] }) kind!: Party['kind'];
  @ApiProperty({ enum: REGIONS, isArray: true, example: ['SILK_ROUTES'] }) regions!: Region[];
  @ApiProperty({ description: 'took part in the Ohrid meeting of May 2022' }) atOhrid2022!: boolean;
}

class TopicDto {
  @ApiProperty({ enum: TOPICS }) code!: Topic;
  @ApiProperty({ example: TOPIC_DESCRIPTIONS.REINTEGRATION }) description!: string;
}

class RouteDto {
  @ApiProperty({ example: 'SILK_ROUTES_WESTERN_BALKANS' }) code!: string;
  @ApiProperty({ example: 'Silk Routes to the Western Balkans and Central Europe' }) name!: string;
  @ApiProperty({ example: ['AFG', 'PAK', 'IRN', 'TUR'], isArray: true, type: String })
  parties!: string[];
}

@ApiTags('reference')
@ApiBearerAuth()
@Controller()
export class ReferenceController {
  @Get('parties')
  @ApiOperation({ summary: 'Every Budapest Process party: code, name, kind and regions' })
  @ApiOkResponse({ type: PartyDto, isArray: true })
  parties(): readonly Party[] {
    return PARTIES;
  }

  @Get('topics')
  @ApiOperation({ summary: 'The topic codes' })
  @ApiOkResponse({ type: TopicDto, isArray: true })
  topics(): { code: Topic; description: string }[] {
    return TOPICS.map((code) => ({ code, description: TOPIC_DESCRIPTIONS[code] }));
  }

  @Get('routes')
  @ApiOperation({ summary: 'Migration routes: ordered lists of parties' })
  @ApiOkResponse({ type: RouteDto, isArray: true })
  routes(): readonly MigrationRoute[] {
    return MIGRATION_ROUTES;
  }
}
