import type { Channel } from '@redress/domain';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, registerDecorator, ValidateIf, ValidateNested, ValidationArguments } from 'class-validator';

/**
 * Each channel's own details travel in a property of their own (phone, branch, regulatorReferral,
 * ...). The one matching `channel` is required and validated; a details object for another channel
 * is refused, so a misrouted payload is caught instead of silently dropped.
 */
export function ChannelDetailsFor(channel: Channel, dto: new () => object): PropertyDecorator {
  const decorators: PropertyDecorator[] = [
    ValidateIf((object: { channel?: unknown }, value: unknown) => object.channel === channel || value !== undefined),
    IsDefined({ message: `$property is required when channel is ${channel}` }),
    (target, propertyName) =>
      registerDecorator({
        name: 'belongsToChannel',
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message: `$property is only allowed when channel is ${channel}` },
        validator: {
          validate: (_value: unknown, args: ValidationArguments) =>
            (args.object as { channel?: unknown }).channel === channel,
        },
      }),
    IsObject(),
    ValidateNested(),
    Type(() => dto),
  ];
  return (target, propertyName) => decorators.forEach((d) => d(target, propertyName));
}
