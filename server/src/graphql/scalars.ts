import { DateTimeResolver, JSONResolver } from 'graphql-scalars';

/** ISO 8601 date-time, named `DateTime` as the contract says. */
export const DateTimeScalar = DateTimeResolver;

/** Free-form JSON, named `JSON` (commit CMI maps, player init values). */
export const JSONScalar = JSONResolver;
