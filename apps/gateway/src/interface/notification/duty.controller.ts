import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBody, ApiForbiddenResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  DutyRosterBody,
  NotFoundError,
  NotificationAccess,
  NotificationCommands,
  PARTY_CODE,
} from '@bp/contracts';
import { isPartyCode } from '@bp/reference';
import { DutyContacts } from '../../application/duty-contacts.service';
import { DutyContactErrors } from '../../domain/duty-contacts';
import { Roles } from '../auth/auth.decorators';
import { ApiRead, ApiReplace, patterned } from '../http/api-docs.decorators';
import { Exchange, HttpExchange, ServiceCalls } from '../http/service-call';
import { DUTY_ROSTER_EXAMPLE } from './duty-examples';

/**
 * The party of the path, checked in the handler rather than by a pipe so that a bad body is named
 * field by field first; an unknown code is 404 like any absent resource.
 */
const knownParty = (code: string): string => {
  if (!PARTY_CODE.test(code) || !isPartyCode(code))
    throw new NotFoundError(DutyContactErrors.UNKNOWN_PARTY, `No party ${code}`);
  return code;
};

/**
 * A party's 24/7 duty roster (docs/openapi.json, tag notifications). Written by hand, not generated
 * from the command: the path names a party, not a UUID, and the gateway, which alone knows
 * accounts, checks everyone on the roster before the notification-service keeps it.
 */
@ApiTags('notifications')
@Controller()
export class DutyRosterController {
  constructor(
    private readonly contacts: DutyContacts,
    private readonly services: ServiceCalls,
  ) {}

  @Put('parties/:code/duty')
  @Roles(...NotificationAccess.dutyKeep)
  @ApiParam({ name: 'code', example: 'SRB', schema: patterned(PARTY_CODE) })
  @ApiReplace(
    "Set your party's duty roster: who is on duty when, and the fallback (its focal points only)",
    'Replaces the roster whole. Everyone named is an enabled focal point account of the party (else 400 ' +
      'with the field); slots run from `from` (inclusive) to `to` (exclusive) and may not overlap: one ' +
      'person is paged at a time. An URGENT request routed to the party pages the person on duty at once ' +
      '(a DUTY_PAGE notification to that person, and an e-mail to its account address where SMTP is ' +
      'configured; the roster keeps the address as of this PUT); unacknowledged, the fallback is paged ' +
      'after PAGE_ACK_TIMEOUT_SECONDS, then the secretariat. Nobody on duty: the fallback at once; ' +
      'no roster: the secretariat. Another party: 403.',
    DUTY_ROSTER_EXAMPLE,
  )
  @ApiBody({ type: DutyRosterBody })
  async put(
    @Param('code') code: string,
    @Body() body: DutyRosterBody,
    @Exchange() exchange: HttpExchange,
  ): Promise<unknown> {
    const command = await this.contacts.rosterCommand(
      exchange.request.actor!,
      knownParty(code),
      body,
    );
    return this.services.call(NotificationCommands.setDutyRoster, command, exchange);
  }

  @Get('parties/:code/duty')
  @Roles(...NotificationAccess.dutyRead)
  @ApiParam({ name: 'code', example: 'SRB', schema: patterned(PARTY_CODE) })
  @ApiRead(
    "A party's duty roster and who is on duty now (its focal points and the secretariat)",
    'Never the e-mail addresses. A party without a roster answers no slots and `fallbackUserId: null`. ' +
      'Focal points of another party: 403.',
    DUTY_ROSTER_EXAMPLE,
  )
  @ApiForbiddenResponse({
    description: "your role, or another party's focal point (application/problem+json)",
  })
  get(@Param('code') code: string, @Exchange() exchange: HttpExchange): Promise<unknown> {
    return this.services.call(
      NotificationCommands.dutyRoster,
      { party: knownParty(code) },
      exchange,
    );
  }
}
