import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';

import { Actor, ROLES, Role } from '@bp/domain-kernel';

export { ROLES };
export type { Actor, Role };

export class ActorDto implements Actor {
  @IsUUID()
  userId!: string;

  @IsString()
  @Matches(/^[a-z0-9._-]{2,64}$/)
  username!: string;

  @IsIn(ROLES)
  role!: Role;

  @IsOptional()
  @IsString()
  party!: string | null;

  @IsOptional()
  @IsUUID()
  officerId!: string | null;
}
