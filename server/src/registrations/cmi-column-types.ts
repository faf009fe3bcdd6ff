import { JsonType, TextType, type Platform, type TransformContext } from '@mikro-orm/core';
import { decodeCmi, decodeCmiText, encodeCmi, encodeCmiText } from '../scorm/runtime-data.js';

/** Stored CMI through the ORM: encoded on the way in and decoded on the way out (see runtime-data.ts). */
export class CmiType extends JsonType {
  override convertToDatabaseValue(
    value: unknown,
    platform: Platform,
    context?: TransformContext,
  ): string | null {
    return super.convertToDatabaseValue(
      value ? encodeCmi(value as Record<string, string>) : value,
      platform,
      context,
    );
  }

  override convertToJSValue(value: unknown, platform: Platform, context?: TransformContext) {
    const stored = super.convertToJSValue(value, platform, context);
    return stored ? decodeCmi(stored as Record<string, string>) : stored;
  }
}

/** A text column holding a value content set (the resume point), escaped as stored CMI is. */
export class CmiTextType extends TextType {
  override convertToDatabaseValue(value: string | null): string | null {
    return typeof value === 'string' ? encodeCmiText(value) : value;
  }

  override convertToJSValue(value: string | null): string | null {
    return typeof value === 'string' ? decodeCmiText(value) : value;
  }
}
