import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  specifiedRules,
  type FieldNode,
  type GraphQLField,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** Limits on what one operation may ask, the same over HTTP and WebSocket. */
export const LIMITS = {
  /** Fields nested in our own types: the dashboard's deepest document uses 6. */
  maxDepth: 12,
  /**
   * Fields nested under `__schema`/`__type`: graphql-js's `getIntrospectionQuery()` reaches 15
   * (its TypeRef fragment nests `ofType` nine times); a little room for clients that nest more.
   */
  maxIntrospectionDepth: 18,
  maxAliases: 15,
  maxDirectives: 20,
  /**
   * Estimated fields resolved: each field costs 1, times the page sizes of the lists above it.
   * A 100-row page of any connection with all its scalar fields, those of the objects under its
   * nodes included (a registration's course, dispatch and activity tree), costs about 6,200.
   */
  maxCost: 10_000,
  /** Tokens per document, enforced by the parser before anything else runs. */
  maxTokens: 2000,
  /** Request body for POST /graphql: a commit can carry large suspend data. */
  maxBodyBytes: 4 * 1024 * 1024,
  /** One WebSocket message: subscriptions are small documents. */
  maxWsPayloadBytes: 64 * 1024,
};

/**
 * Page sizes the cost estimate assumes. A `first` given as a literal counts as itself; one given
 * as a variable counts as the 100 rows a client may always ask for (validation runs before
 * variables are known); a list without `first` counts as `unpagedList` rows.
 */
export const COST_ASSUMPTIONS = { variableFirst: 100, defaultFirst: 50, unpagedList: 10 };

/** What a selection set asks, relative to where it sits. */
interface Measure {
  cost: number;
  /** Deepest chain of fields outside introspection. */
  depth: number;
  /** Deepest chain of fields that enters `__schema` or `__type`. */
  introspectionDepth: number;
  aliases: number;
  directives: number;
}

const NOTHING: Measure = { cost: 0, depth: 0, introspectionDepth: 0, aliases: 0, directives: 0 };

/**
 * Measures one operation: fragments are expanded where spread (each measured once and reused, so
 * a document that spreads fragments exponentially is measured in linear time).
 */
export function measureOperation(
  context: ValidationContext,
  operation: OperationDefinitionNode,
): Measure {
  const schema = context.getSchema();
  const fragments = new Map<string, Measure>();
  const visiting = new Set<string>();
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();

  function measureFragment(fragment: FragmentDefinitionNode, introspection: boolean): Measure {
    const key = `${fragment.name.value}:${introspection}`;
    const known = fragments.get(key);
    if (known) return known;
    // A cycle is refused by graphql-js's own NoFragmentCyclesRule; here it only must not recurse.
    if (visiting.has(key)) return NOTHING;
    visiting.add(key);
    const type = schema.getType(fragment.typeCondition.name.value) ?? undefined;
    const measure = measureSet(fragment.selectionSet, type, introspection);
    measure.directives += fragment.directives?.length ?? 0;
    visiting.delete(key);
    fragments.set(key, measure);
    return measure;
  }

  function measureSet(
    set: SelectionSetNode,
    parent: GraphQLNamedType | null | undefined,
    introspection: boolean,
  ): Measure {
    const total = { ...NOTHING };
    const add = (m: Measure) => {
      total.cost += m.cost;
      total.depth = Math.max(total.depth, m.depth);
      total.introspectionDepth = Math.max(total.introspectionDepth, m.introspectionDepth);
      total.aliases += m.aliases;
      total.directives += m.directives;
    };
    for (const selection of set.selections) {
      const directives = selection.directives?.length ?? 0;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parent;
        const inner = measureSet(selection.selectionSet, type, introspection);
        add({ ...inner, directives: inner.directives + directives });
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = context.getFragment(selection.name.value);
        if (fragment) add(measureFragment(fragment, introspection));
        total.directives += directives;
        continue;
      }
      const name = selection.name.value;
      const entersIntrospection = introspection || name === '__schema' || name === '__type';
      const field =
        parent && (isObjectType(parent) || isInterfaceType(parent))
          ? parent.getFields()[name]
          : undefined;
      const child = selection.selectionSet
        ? measureSet(
            selection.selectionSet,
            field ? getNamedType(field.type) : undefined,
            entersIntrospection,
          )
        : NOTHING;
      const rows = rowsOf(selection, field, parent);
      // Introspection resolves from the schema in memory, bounded by its depth limit; typename
      // costs nothing.
      const own = entersIntrospection || name === '__typename' ? 0 : 1;
      add({
        cost: own + child.cost * rows,
        depth: entersIntrospection ? 0 : child.depth + 1,
        introspectionDepth: entersIntrospection
          ? Math.max(child.depth, child.introspectionDepth) + 1
          : child.introspectionDepth === 0
            ? 0
            : child.introspectionDepth + 1,
        aliases: child.aliases + (selection.alias ? 1 : 0),
        directives: child.directives + directives,
      });
    }
    return total;
  }

  return measureSet(operation.selectionSet, root, false);
}

/** Rows a field returns: its `first`, the assumption for an unpaged list, else one. */
function rowsOf(
  node: FieldNode,
  field: GraphQLField<unknown, unknown> | undefined,
  parent: GraphQLNamedType | null | undefined,
): number {
  const arg = node.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
  if (arg?.value.kind === Kind.INT) return Math.max(1, Number(arg.value.value));
  if (arg?.value.kind === Kind.VARIABLE) return COST_ASSUMPTIONS.variableFirst;
  if (field?.args.some((a) => a.name === 'first' || a.name === 'last'))
    return COST_ASSUMPTIONS.defaultFirst;
  // A connection's edges are its page, already counted by the connection's `first`.
  if (parent?.name.endsWith('Connection')) return 1;
  return field && isListType(getNullableType(field.type)) ? COST_ASSUMPTIONS.unpagedList : 1;
}

/** Refuses an operation past any limit, naming the limit, as a validation error (a 400). */
const limitsRule: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    const found = measureOperation(context, operation);
    const refuse = (limit: keyof typeof LIMITS, what: string, value: number) =>
      context.reportError(
        new GraphQLError(
          `${what} is ${value}, over the limit of ${LIMITS[limit]} (${limit}); ask for less in one operation`,
          { nodes: [operation], extensions: { limit, max: LIMITS[limit], found: value } },
        ),
      );
    if (found.depth > LIMITS.maxDepth) refuse('maxDepth', 'Query depth', found.depth);
    if (found.introspectionDepth > LIMITS.maxIntrospectionDepth)
      refuse('maxIntrospectionDepth', 'Introspection depth', found.introspectionDepth);
    if (found.aliases > LIMITS.maxAliases) refuse('maxAliases', 'Alias count', found.aliases);
    if (found.directives > LIMITS.maxDirectives)
      refuse('maxDirectives', 'Directive count', found.directives);
    if (found.cost > LIMITS.maxCost) refuse('maxCost', 'Query cost', Math.ceil(found.cost));
  },
});

/** Validation rules that refuse hostile documents (depth, aliases, directives, cost). */
export function limitRules(): ValidationRule[] {
  return [limitsRule];
}

/** graphql-js's own rules followed by ours: what graphql-ws must validate with. */
export function allValidationRules(): ValidationRule[] {
  return [...specifiedRules, ...limitRules()];
}
