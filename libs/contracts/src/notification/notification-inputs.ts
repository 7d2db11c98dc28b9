import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PageQuery } from '../commands/page-query';
import { NOTIFICATION_KINDS, NotificationKind } from '@bp/domain-kernel';
import { STREAM_POSITION } from './notification-events';

// The same classes validate the query in the gateway and the command in the notification-service.

export class NotificationListQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'only notifications the caller has not read',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';

  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS })
  @IsOptional()
  @IsIn(NOTIFICATION_KINDS)
  kind?: NotificationKind;
}

/**
 * The gateway's question for a live stream: the caller's audience keys now, and its notifications
 * after a stream position (oldest first, at most `limit`). Without `after`, only the keys.
 */
export class NotificationStreamQuery {
  @IsOptional()
  @Matches(STREAM_POSITION)
  after?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** One notification of a stream: the inbox's view of it (without read marks) at its position. */
export interface NotificationStreamItem {
  position: string;
  audienceKey: string;
  notification: {
    id: string;
    kind: NotificationKind;
    subject: Record<string, unknown>;
    details: Record<string, unknown>;
    createdAt: string;
  };
}

export interface NotificationStreamBatch {
  audienceKeys: string[];
  items: NotificationStreamItem[];
  /** The highest committed position ('0' before any): a fresh stream starts after it; no Last-Event-ID is above it. */
  head: string;
}
