import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';

export const ROLES = ['focal_point', 'secretariat', 'liaison_officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The verified caller, as the gateway puts it in every command; services trust no other source. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  party: string | null;
  officerId: string | null;
}

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
