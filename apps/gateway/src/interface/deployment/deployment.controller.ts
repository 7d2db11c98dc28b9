import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import {
  CoverageQuery,
  DeploymentAccess,
  DeploymentCommands,
  DeploymentListQuery,
  DeploymentOptionalReasonBody,
  DeploymentReasonBody,
  ExtensionBody,
  OfficerListQuery,
  ProposeDeploymentBody,
  RegisterOfficerBody,
} from '@bp/contracts';
import { Roles } from '../auth/auth.decorators';
import { Exchange, HttpExchange, ServiceCalls } from '../http/service-call';
import { ApiAction, ApiRead } from '../http/api-docs.decorators';

const Id = (name = 'id') => Param(name, new ParseUUIDPipe({ version: '4' }));

const OFFICER_EXAMPLE = {
  id: '2b6c3f0e-9a0f-4c7e-9a43-7c1c4b5e8d11',
  fullName: 'Ayesha Khan',
  sendingParty: 'PAK',
  agency: 'Federal Investigation Agency',
  rank: 'Deputy Director',
  languages: ['en', 'ur'],
  expertise: ['SMUGGLING_OF_MIGRANTS'],
  createdAt: '2026-05-20T08:00:00.000Z',
  contactWithheld: false,
  email: 'a.khan@fia.example.org',
  phone: null,
};
const DEPLOYMENT_EXAMPLE = {
  id: '6f1c7b58-3c5e-4d8e-9a3f-0e5d0d7f6a21',
  officerId: OFFICER_EXAMPLE.id,
  sendingParty: 'PAK',
  hostParty: 'SRB',
  postingCity: 'Belgrade',
  mandateTopics: ['SMUGGLING_OF_MIGRANTS'],
  startDate: '2026-07-01',
  endDate: '2027-06-30',
  note: null,
  status: 'APPROVED',
  proposedAt: '2026-05-20T08:05:00.000Z',
  decidedAt: '2026-05-22T10:00:00.000Z',
  refusalReason: null,
  activatedAt: null,
  endedAt: null,
  endReason: null,
  recallReason: null,
  cancelledAt: null,
  cancelReason: null,
  extensions: [],
  version: 2,
};
const page = (item: unknown) => ({ items: [item], nextCursor: null });
const NOT_YOUR_ROLE = ApiForbiddenResponse({
  description: 'your role may not read this at all (application/problem+json)',
});

/** Liaison officers, their postings, and where along a route nobody is posted (docs/openapi.json). */
@ApiTags('liaison officers and deployments')
@Controller()
export class DeploymentController {
  constructor(private readonly services: ServiceCalls) {}

  @Post('officers')
  @Roles(...DeploymentAccess.registerOfficer)
  @ApiAction(
    "Register an officer (the sending party's focal point, or the secretariat)",
    undefined,
    { status: 201, example: OFFICER_EXAMPLE },
  )
  registerOfficer(@Body() body: RegisterOfficerBody, @Exchange() http: HttpExchange) {
    return this.services.call('deployment', DeploymentCommands.registerOfficer, body, http);
  }

  @Get('officers')
  @Roles(...DeploymentAccess.readOfficers)
  @ApiRead(
    'Officers, newest first',
    'Filter by `sendingParty`; cursor pagination. Rank, e-mail and phone only for the sending ' +
      "party, a host of the officer's postings, the officer and the secretariat (`contactWithheld`).",
    page(OFFICER_EXAMPLE),
  )
  listOfficers(@Query() query: OfficerListQuery, @Exchange() http: HttpExchange) {
    return this.services.call('deployment', DeploymentCommands.listOfficers, query, http);
  }

  @Get('officers/:id')
  @Roles(...DeploymentAccess.readOfficers)
  @ApiRead(
    'One officer',
    "Rank, e-mail and phone only for the sending party, a host of the officer's postings, the officer and the secretariat.",
    OFFICER_EXAMPLE,
  )
  getOfficer(@Id() officerId: string, @Exchange() http: HttpExchange) {
    return this.services.call(
      'deployment',
      DeploymentCommands.getOfficer,
      { officerId },
      http,
      officerId,
    );
  }

  @Post('deployments')
  @Roles(...DeploymentAccess.propose)
  @ApiAction(
    'Propose a posting (sending focal point or secretariat)',
    'Dates are days (YYYY-MM-DD); one officer never holds two postings on the same day.',
    {
      status: 201,
      example: { ...DEPLOYMENT_EXAMPLE, status: 'PROPOSED', decidedAt: null, version: 1 },
    },
  )
  propose(@Body() body: ProposeDeploymentBody, @Exchange() http: HttpExchange) {
    return this.services.call('deployment', DeploymentCommands.propose, body, http);
  }

  @Get('deployments')
  @Roles(...DeploymentAccess.readPostings)
  @NOT_YOUR_ROLE
  @ApiRead(
    'Postings, newest first',
    'Filters `status`, `hostParty`, `sendingParty`, `activeOn=YYYY-MM-DD`; cursor pagination. ' +
      'Proposed, refused and cancelled postings only for the two parties, the officer and the ' +
      'secretariat; free text and extensions only for those.',
    page(DEPLOYMENT_EXAMPLE),
  )
  list(@Query() query: DeploymentListQuery, @Exchange() http: HttpExchange) {
    return this.services.call('deployment', DeploymentCommands.list, query, http);
  }

  @Get('deployments/:id')
  @Roles(...DeploymentAccess.readPostings)
  @NOT_YOUR_ROLE
  @ApiRead(
    'One posting',
    '`version` (the ETag) counts only the changes the caller can see.',
    DEPLOYMENT_EXAMPLE,
  )
  get(@Id() deploymentId: string, @Exchange() http: HttpExchange) {
    return this.services.call(
      'deployment',
      DeploymentCommands.get,
      { deploymentId },
      http,
      deploymentId,
    );
  }

  @Post('deployments/:id/approve')
  @Roles(...DeploymentAccess.decide)
  @HttpCode(200)
  @ApiAction("Approve (the host's focal point)", 'ACTIVE at once if the start date has come.', {
    status: 200,
    example: DEPLOYMENT_EXAMPLE,
  })
  approve(@Id() deploymentId: string, @Exchange() http: HttpExchange) {
    return this.services.call(
      'deployment',
      DeploymentCommands.approve,
      { deploymentId },
      http,
      deploymentId,
    );
  }

  @Post('deployments/:id/refuse')
  @Roles(...DeploymentAccess.decide)
  @HttpCode(200)
  @ApiAction("Refuse, with a reason (the host's focal point)", undefined, {
    status: 200,
    example: { ...DEPLOYMENT_EXAMPLE, status: 'REFUSED' },
  })
  refuse(
    @Id() deploymentId: string,
    @Body() body: DeploymentReasonBody,
    @Exchange() http: HttpExchange,
  ) {
    return this.services.call(
      'deployment',
      DeploymentCommands.refuse,
      { ...body, deploymentId },
      http,
      deploymentId,
    );
  }

  @Post('deployments/:id/cancel')
  @Roles(...DeploymentAccess.manage)
  @HttpCode(200)
  @ApiAction('Cancel before it starts (sender or secretariat)', undefined, {
    status: 200,
    example: { ...DEPLOYMENT_EXAMPLE, status: 'CANCELLED' },
  })
  cancel(
    @Id() deploymentId: string,
    @Body() body: DeploymentOptionalReasonBody,
    @Exchange() http: HttpExchange,
  ) {
    return this.services.call(
      'deployment',
      DeploymentCommands.cancel,
      { ...body, deploymentId },
      http,
      deploymentId,
    );
  }

  @Post('deployments/:id/recall')
  @Roles(...DeploymentAccess.manage)
  @HttpCode(200)
  @ApiAction('Recall an active posting, with a reason (sender or secretariat)', undefined, {
    status: 200,
    example: { ...DEPLOYMENT_EXAMPLE, status: 'ENDED', endReason: 'RECALLED' },
  })
  recall(
    @Id() deploymentId: string,
    @Body() body: DeploymentReasonBody,
    @Exchange() http: HttpExchange,
  ) {
    return this.services.call(
      'deployment',
      DeploymentCommands.recall,
      { ...body, deploymentId },
      http,
      deploymentId,
    );
  }

  @Post('deployments/:id/extensions')
  @Roles(...DeploymentAccess.manage)
  @ApiAction('Ask the host to move the end date (sender)', undefined, {
    status: 201,
    example: DEPLOYMENT_EXAMPLE,
  })
  requestExtension(
    @Id() deploymentId: string,
    @Body() body: ExtensionBody,
    @Exchange() http: HttpExchange,
  ) {
    return this.services.call(
      'deployment',
      DeploymentCommands.requestExtension,
      { ...body, deploymentId },
      http,
      deploymentId,
    );
  }

  @Post('deployments/:id/extensions/:eid/approve')
  @Roles(...DeploymentAccess.decide)
  @HttpCode(200)
  @ApiAction("Approve an extension (the host's focal point)", undefined, {
    status: 200,
    example: DEPLOYMENT_EXAMPLE,
  })
  approveExtension(
    @Id() deploymentId: string,
    @Id('eid') extensionId: string,
    @Exchange() http: HttpExchange,
  ) {
    return this.services.call(
      'deployment',
      DeploymentCommands.approveExtension,
      { deploymentId, extensionId },
      http,
      deploymentId,
    );
  }

  @Get('coverage')
  @Roles(...DeploymentAccess.readPostings)
  @NOT_YOUR_ROLE
  @ApiRead(
    'Active officers per sending/host pair along a route, and the parties on it where nobody is posted',
    undefined,
    {
      route: {
        code: 'SILK_ROUTES_WESTERN_BALKANS',
        name: 'Silk Routes to the Western Balkans and Central Europe',
        parties: ['AFG', 'PAK', 'IRN', 'TUR', 'BGR', 'MKD', 'SRB', 'HUN', 'AUT', 'DEU'],
      },
      pairs: [
        {
          sendingParty: 'PAK',
          hostParty: 'SRB',
          officers: [
            {
              officerId: OFFICER_EXAMPLE.id,
              fullName: 'Ayesha Khan',
              deploymentId: DEPLOYMENT_EXAMPLE.id,
              postingCity: 'Belgrade',
              endDate: '2027-06-30',
            },
          ],
        },
      ],
      uncovered: ['AFG', 'PAK', 'IRN', 'TUR', 'BGR', 'MKD', 'HUN', 'AUT', 'DEU'],
    },
  )
  coverage(@Query() query: CoverageQuery, @Exchange() http: HttpExchange) {
    return this.services.call('deployment', DeploymentCommands.coverage, query, http);
  }
}
