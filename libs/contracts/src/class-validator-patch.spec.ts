import { IsInt, IsString, getMetadataStorage } from 'class-validator';
import { validatePlain } from './validation';

// infra/patches/class-validator+0.15.1.patch (applied by `npm ci` through patch-package) keeps the
// answers of MetadataStorage.getTargetValidationMetadatas and groupByPropertyName until metadata
// is added. Unpatched, every validate() of every nested object tests its class against every
// decorated class of the process: 1.5 to 2.7 % of each app's CPU per filing (test/bench/RESULTS.md).

class Base {
  @IsString()
  name!: string;
}

class Derived extends Base {
  @IsInt()
  count!: number;
}

const storage = getMetadataStorage();
const lookup = (target: new () => object) =>
  storage.getTargetValidationMetadatas(target, '', false, false, undefined);

describe('the patched class-validator metadata storage', () => {
  it('answers a repeated lookup from what it kept', () => {
    expect(lookup(Derived)).toBe(lookup(Derived));
    const found = lookup(Derived);
    expect(storage.groupByPropertyName(found)).toBe(storage.groupByPropertyName(found));
  });

  it("still finds a base class's rules", () => {
    expect(
      lookup(Derived)
        .map((rule) => rule.propertyName)
        .sort(),
    ).toEqual(['count', 'name']);
    expect(validatePlain(Derived, { name: 7, count: 1 })).toMatchObject({ ok: false });
  });

  it('forgets what it kept when a rule is added later, also to a base class', () => {
    class Later {
      @IsString()
      first!: string;
      declare second: unknown;
    }
    class LaterChild extends Later {}
    // Unknown properties are refused: before the rule, `second` is one.
    expect(validatePlain(LaterChild, { first: 'a', second: 2 })).toMatchObject({ ok: false });
    expect(validatePlain(LaterChild, { first: 'a' })).toMatchObject({ ok: true });

    IsInt()(Later.prototype, 'second');

    expect(validatePlain(LaterChild, { first: 'a', second: 2 })).toMatchObject({ ok: true });
    expect(validatePlain(LaterChild, { first: 'a', second: 'b' })).toMatchObject({ ok: false });
  });

  it('keeps lookups with other groups apart', () => {
    class Grouped {
      @IsString({ groups: ['strict'] })
      code!: string;
    }
    const strict = storage.getTargetValidationMetadatas(Grouped, '', false, false, ['strict']);
    const none = storage.getTargetValidationMetadatas(Grouped, '', false, false, ['other']);
    expect(strict.map((rule) => rule.propertyName)).toEqual(['code']);
    expect(none).toEqual([]);
  });
});
