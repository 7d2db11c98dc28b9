import { Type } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  NOTIFICATION_KINDS,
  NOTIFICATION_SUBJECT_TYPES,
  NotificationKind,
  NotificationSubjectType,
} from '@bp/domain-kernel';
import { defineEvent } from '../events/event-catalog';
import { Topics } from '../kafka/topics';

/** A stream position: a positive integer as decimal text (a bigint in the notification-service). */
export const STREAM_POSITION = /^[1-9][0-9]{0,17}$/;

/**
 * What a notification points at: references, titles and ids, never a body. A request's title is
 * never kept here: the gateway adds it for each reader from the rfi-service (rfi.titles).
 */
export class NotificationSubjectData {
  @IsIn(NOTIFICATION_SUBJECT_TYPES)
  type!: NotificationSubjectType;

  @IsUUID()
  id!: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  reference?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;
}

/**
 * A notification as it was stored, for the gateways' live streams: everything the inbox shows of
 * it (no body ever: subjects carry references and titles only), its audience key (which open
 * streams it belongs to) and its stream position (the SSE `id`, monotonic in commit order).
 */
export class NotificationCreatedData {
  @IsUUID()
  notificationId!: string;

  @Matches(STREAM_POSITION)
  position!: string;

  @IsString()
  @MaxLength(200)
  audienceKey!: string;

  @IsIn(NOTIFICATION_KINDS)
  kind!: NotificationKind;

  @ValidateNested()
  @Type(() => NotificationSubjectData)
  subject!: NotificationSubjectData;

  @IsObject()
  details!: Record<string, string | number>;

  @IsISO8601()
  createdAt!: string;
}

export const NotificationEvents = {
  created: defineEvent('notification.created', Topics.notificationEvents, NotificationCreatedData),
} as const;
