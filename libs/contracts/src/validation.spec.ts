import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, Min, ValidateNested } from 'class-validator';
import { validatePlain } from './validation';

class Grading {
  @IsIn(['A', 'B', 'C', 'X'])
  sourceReliability!: string;

  @IsInt()
  @Min(1)
  @Max(4)
  accuracy!: number;
}

class Message {
  @IsString()
  body!: string;

  @ValidateNested({ each: true })
  @Type(() => Grading)
  gradings!: Grading[];
}

describe('validatePlain', () => {
  it('accepts a valid object and returns a class instance', () => {
    const result = validatePlain(Message, {
      body: 'hi',
      gradings: [{ sourceReliability: 'A', accuracy: 1 }],
    });
    expect(result.ok).toBe(true);
    expect(result.ok && result.value).toBeInstanceOf(Message);
  });

  it('names every bad field with its path, including inside arrays', () => {
    const result = validatePlain(Message, {
      body: 3,
      gradings: [
        { sourceReliability: 'A', accuracy: 1 },
        { sourceReliability: 'Z', accuracy: 9 },
      ],
    });
    expect(result.ok).toBe(false);
    const fields = !result.ok ? result.errors.map((e) => e.field) : [];
    expect(fields).toEqual(['body', 'gradings[1].sourceReliability', 'gradings[1].accuracy']);
  });

  it('refuses unknown properties instead of dropping them', () => {
    const result = validatePlain(Message, { body: 'hi', gradings: [], admin: true });
    expect(!result.ok && result.errors).toEqual([
      { field: 'admin', message: 'property admin should not exist' },
    ]);
  });

  it.each([null, 'text', 42, [1, 2]])('refuses %p as a body', (value) => {
    expect(validatePlain(Message, value).ok).toBe(false);
  });

  it('accepts an empty object for a class without rules, and nothing else in it', () => {
    class Empty {}
    expect(validatePlain(Empty, {}).ok).toBe(true);
    expect(validatePlain(Empty, { x: 1 }).ok).toBe(false);
  });
});
