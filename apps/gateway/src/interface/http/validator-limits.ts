import { DECORATORS } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { longestMatch } from './pattern-length';

type Schema = Record<string, unknown>;

// The keywords that bound or restrict a value. The validators are the truth about what the API
// accepts; copying their limits into the document means the contract states them without a
// second, hand-kept copy that could drift (an @ApiProperty that says maxLength 200 beside a
// @MaxLength(100)).
const VALUE_LIMITS = [
  'maxLength',
  'minLength',
  'pattern',
  'format',
  'enum',
  'maximum',
  'minimum',
  'exclusiveMaximum',
  'exclusiveMinimum',
] as const;
const ARRAY_LIMITS = ['maxItems', 'minItems', 'uniqueItems'] as const;

/**
 * The limits of one property as its validators enforce them, in the shape Swagger's property
 * metadata takes: an array's own limits at the top, its elements' limits under `items`.
 */
export function limitsOf(property: Schema): Schema {
  const limits = withImpliedLength(pick(property, [...VALUE_LIMITS, ...ARRAY_LIMITS]));
  if (property.type === 'array' && isSchema(property.items)) {
    const items = withImpliedLength(pick(property.items, VALUE_LIMITS));
    if (Object.keys(items).length) limits.items = { type: property.items.type, ...items };
  }
  return limits;
}

/** The longest value a UUID or a bounded pattern allows is a limit the validator enforces too. */
export function withImpliedLength(limits: Schema): Schema {
  if (limits.maxLength !== undefined || limits.enum !== undefined) return limits;
  const implied =
    limits.format === 'uuid'
      ? UUID_LENGTH
      : typeof limits.pattern === 'string'
        ? longestMatch(limits.pattern)
        : undefined;
  return implied === undefined ? limits : { ...limits, maxLength: implied };
}

export const UUID_LENGTH = 36;

/**
 * Writes each validated property's limits into the Swagger metadata of its class, before the
 * document is made. What a decorator already states wins; properties the document does not show
 * stay out of it.
 */
export function documentValidatorLimits(): void {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<abstract new (...args: never[]) => unknown, unknown>;
  };
  for (const target of storage.validationMetadatas.keys()) {
    const schema = targetConstructorToSchema(target, {
      classTransformerMetadataStorage: defaultMetadataStorage,
    }) as Schema;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [name, property] of Object.entries(properties)) {
      const documented = Reflect.getMetadata(
        DECORATORS.API_MODEL_PROPERTIES,
        target.prototype as object,
        name,
      ) as Schema | undefined;
      if (!documented) continue;
      const limits = limitsOf(property);
      if (isSchema(documented.items) && isSchema(limits.items))
        limits.items = { ...limits.items, ...documented.items };
      Reflect.defineMetadata(
        DECORATORS.API_MODEL_PROPERTIES,
        { ...limits, ...documented, ...(limits.items ? { items: limits.items } : {}) },
        target.prototype as object,
        name,
      );
    }
  }
}

function pick(schema: Schema, keys: readonly string[]): Schema {
  return Object.fromEntries(
    keys.filter((key) => schema[key] !== undefined).map((key) => [key, schema[key]]),
  );
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null;
}
