import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** The most items one page holds, and the longest cursor a page gives or takes. */
export const PAGE_MAX_ITEMS = 100;
export const CURSOR_MAX_LENGTH = 200;
/** Every cursor this API gives out is base64url text. */
export const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

/** `?limit=` (default 20, max 100) and `?cursor=` (opaque), as every list of the API takes them. */
export class PageQuery {
  @ApiPropertyOptional({ example: 20, minimum: 1, maximum: PAGE_MAX_ITEMS })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX_ITEMS)
  limit?: number;

  @ApiPropertyOptional({ description: 'opaque: the nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(CURSOR_MAX_LENGTH)
  @Matches(CURSOR, { message: 'invalid' })
  cursor?: string;
}
