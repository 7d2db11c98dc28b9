import { ClassConstructor } from 'class-transformer';

/** One event type: its name, schema version, the topic it travels on and the class its data must satisfy. */
export interface EventDefinition<TData extends object = object> {
  readonly type: string;
  readonly version: number;
  readonly topic: string;
  readonly payload: ClassConstructor<TData>;
}

export function defineEvent<TData extends object>(
  type: string,
  topic: string,
  payload: ClassConstructor<TData>,
  version = 1,
): EventDefinition<TData> {
  return { type, topic, payload, version };
}

/** Producer and consumer look event types up here, so both validate against the same class. */
export class EventCatalog {
  private readonly byType = new Map<string, EventDefinition>();

  constructor(definitions: Iterable<EventDefinition> = []) {
    for (const definition of definitions) this.register(definition);
  }

  register(definition: EventDefinition): this {
    if (this.byType.has(definition.type)) {
      throw new Error(`Event type ${definition.type} is defined twice`);
    }
    this.byType.set(definition.type, definition);
    return this;
  }

  find(type: string): EventDefinition | undefined {
    return this.byType.get(type);
  }

  get(type: string): EventDefinition {
    const definition = this.byType.get(type);
    if (!definition) throw new Error(`Unknown event type ${type}`);
    return definition;
  }

  types(): string[] {
    return [...this.byType.keys()];
  }
}
