import { RfiEntity } from '../domain/entities/rfi-entity';
import { EntityTarget } from '../domain/entities/entity-rules';
import { AccessFacts, MessageVisibility } from '../domain/need-to-know';

/**
 * An entity as a caller with `access` to it (never HIDDEN: those are left out) sees it. The
 * handling code is that of what it goes with; METADATA shows the type and withholds the values.
 */
export function entityView(
  entity: RfiEntity,
  rfi: AccessFacts & { handlingCode: string },
  target: (NonNullable<EntityTarget> & { handlingCode: string }) | null,
  access: Exclude<MessageVisibility, 'HIDDEN'>,
) {
  const { type, ...values } = entity.values;
  return {
    id: entity.id,
    rfiId: entity.rfiId,
    messageId: entity.messageId,
    messageKind: target?.kind ?? null,
    type,
    handlingCode: target?.handlingCode ?? rfi.handlingCode,
    values: access === 'FULL' ? values : null,
    valuesWithheld: access === 'METADATA',
    addedByParty: entity.addedByParty,
    addedAt: entity.addedAt.toISOString(),
  };
}
