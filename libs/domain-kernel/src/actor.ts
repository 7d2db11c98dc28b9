export const ROLES = ['focal_point', 'secretariat', 'liaison_officer', 'admin', 'chair'] as const;
export type Role = (typeof ROLES)[number];

/** The verified caller, as the gateway puts it in every command; services trust no other source. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  party: string | null;
  officerId: string | null;
}
