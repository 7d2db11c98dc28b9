import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUrl,
  MaxLength,
} from 'class-validator';
import { NOTIFICATION_KINDS, NotificationKind } from '@bp/domain-kernel';

// The same class validates the body in the gateway and the command in the notification-service.
// Whether the target may be called at all (its address) is the service's check: it resolves it.

export class WebhookRegistrationBody {
  @ApiProperty({
    example: 'https://case-system.example.gov.rs/bp/webhook',
    description:
      'http or https; refused when it resolves to a private, loopback, link-local or other ' +
      'non-public address (unless the deployment allows that host)',
  })
  @IsString()
  @MaxLength(2_000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url!: string;

  @ApiProperty({
    enum: NOTIFICATION_KINDS,
    isArray: true,
    example: ['RFI_ROUTED', 'RFI_OVERDUE'],
    description: 'the notification kinds to deliver',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @ArrayUnique()
  @IsIn(NOTIFICATION_KINDS, { each: true })
  events!: NotificationKind[];
}
