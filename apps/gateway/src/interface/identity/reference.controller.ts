import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
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

const PARTY_CODES = PARTIES.map((party) => party.code);
/** The longest name of a party or route is far shorter; this bounds what a client must hold. */
const NAME_MAX_LENGTH = 200;

/** The whole list is one answer: it holds at most every entry of the reference data. */
const listOf = (model: abstract new () => unknown, maxItems: number) =>
  ApiOkResponse({ schema: { type: 'array', maxItems, items: { $ref: getSchemaPath(model) } } });

class PartyDto {
  @ApiProperty({ enum: PARTY_CODES, example: 'PAK' }) code!: string;
  @ApiProperty({ example: 'Pakistan', maxLength: NAME_MAX_LENGTH }) name!: string;
  @ApiProperty({ enum: ['STATE', 'ORGANISATION'] }) kind!: Party['kind'];
  @ApiProperty({ enum: REGIONS, isArray: true, maxItems: REGIONS.length, example: ['SILK_ROUTES'] })
  regions!: Region[];
  @ApiProperty({ description: 'took part in the Ohrid meeting of May 2022' }) atOhrid2022!: boolean;
}

class TopicDto {
  @ApiProperty({ enum: TOPICS }) code!: Topic;
  @ApiProperty({ example: TOPIC_DESCRIPTIONS.REINTEGRATION, maxLength: NAME_MAX_LENGTH })
  description!: string;
}

class RouteDto {
  @ApiProperty({ enum: MIGRATION_ROUTES.map((route) => route.code) }) code!: string;
  @ApiProperty({
    example: 'Silk Routes to the Western Balkans and Central Europe',
    maxLength: NAME_MAX_LENGTH,
  })
  name!: string;
  @ApiProperty({
    example: ['AFG', 'PAK', 'IRN', 'TUR'],
    enum: PARTY_CODES,
    isArray: true,
    maxItems: PARTY_CODES.length,
  })
  parties!: string[];
}

@ApiTags('reference')
@ApiBearerAuth()
@ApiExtraModels(PartyDto, TopicDto, RouteDto)
@Controller()
export class ReferenceController {
  @Get('parties')
  @ApiOperation({
    summary: 'Every Budapest Process party: code, name, kind and regions',
    description:
      'For any signed-in user; the whole list in one answer, the same for everyone. A party ' +
      'code in a body (`targetParties`, `recipients`, `sendingParty`, `hostParty`, an ' +
      "account's `party`) that is not listed here is refused with 400.",
  })
  @listOf(PartyDto, PARTIES.length)
  parties(): readonly Party[] {
    return PARTIES;
  }

  @Get('topics')
  @ApiOperation({
    summary: 'The topic codes',
    description:
      'For any signed-in user; each code with a short description, the whole list in one ' +
      'answer. `topics`, `expertise` and `mandateTopics` in a body must be codes from this list ' +
      '(else 400).',
  })
  @listOf(TopicDto, TOPICS.length)
  topics(): { code: Topic; description: string }[] {
    return TOPICS.map((code) => ({ code, description: TOPIC_DESCRIPTIONS[code] }));
  }

  @Get('routes')
  @ApiOperation({
    summary: 'Migration routes: ordered lists of parties',
    description:
      'For any signed-in user; each route with its code, name and the party codes along it, ' +
      'the whole list in one answer. GET /coverage takes a route code from here.',
  })
  @listOf(RouteDto, MIGRATION_ROUTES.length)
  routes(): readonly MigrationRoute[] {
    return MIGRATION_ROUTES;
  }
}
