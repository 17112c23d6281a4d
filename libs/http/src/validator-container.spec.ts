import type { INestApplicationContext } from '@nestjs/common';
import { IsString, MaxLength, Validate, validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { useNestValidatorContainer } from './validator-container';

@ValidatorConstraint({ name: 'notForbidden' })
class NotForbidden implements ValidatorConstraintInterface {
  constructor(private readonly forbidden: string) {}
  validate(value: unknown): boolean {
    return value !== this.forbidden;
  }
}

class Body {
  @IsString()
  @MaxLength(5)
  @Validate(NotForbidden)
  word!: string;
}

const body = (word: unknown) => Object.assign(new Body(), { word });

describe('useNestValidatorContainer', () => {
  const asked: unknown[] = [];
  // Knows only NotForbidden, built with its dependency, and throws for anything else, as Nest does.
  const app = {
    get(cls: unknown) {
      asked.push(cls);
      if (cls === NotForbidden) return new NotForbidden('nope');
      throw new Error('unknown element');
    },
  } as unknown as INestApplicationContext;

  beforeAll(() => useNestValidatorContainer(app));

  it("runs the application's constraint with its injected dependency, and the built-in rules", async () => {
    expect(await validate(body('fine'))).toEqual([]);
    const [forbidden] = await validate(body('nope'));
    expect(Object.keys(forbidden.constraints ?? {})).toEqual(['notForbidden']);
    const [long] = await validate(body('far too long'));
    expect(Object.keys(long.constraints ?? {})).toEqual(['maxLength']);
    const [wrongType] = await validate(body(42));
    expect(Object.keys(wrongType.constraints ?? {}).sort()).toEqual(['isString', 'maxLength']);
  });

  it('asks the application about each class once, however many bodies it validates', async () => {
    const before = asked.length;
    for (let i = 0; i < 20; i++) await validate(body(`w${i}`));
    expect(asked.length).toBe(before);
    expect(new Set(asked).size).toBe(asked.length);
  });
});
